/**
 * ops/prometheus/alerts.yml: rules Prometheus would load (PromQL that parses, durations, severities,
 * runbook annotations), built only on series the code emits with the labels it emits, loaded by the compose
 * Prometheus, with thresholds at the workers' readiness bounds.
 */
import { describe, expect, it } from 'vitest';
import { WorkerEnvSchema } from '@deltastream/bus/worker-env';
import { emittedSeries, referenceProblems } from './emitted-metrics';
import { promqlSyntaxErrors, readPromql } from './promql';
import { readRepoFile, readYaml } from './repo-files';

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const { groups } = readYaml<{ groups: { name: string; rules: AlertRule[] }[] }>('ops/prometheus/alerts.yml');
const rules = groups.flatMap((group) => group.rules);
const series = emittedSeries();
const workerDefaults = WorkerEnvSchema.parse({});

const durationSeconds = (duration: string | undefined) => {
  const match = /^(\d+)([smh])$/.exec(duration ?? '');
  return match ? Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'] : NaN;
};

describe('ops/prometheus/alerts.yml', () => {
  it('alerts on stale data, a stalled queue, a backlog and no worker', () => {
    expect(rules.map((rule) => rule.alert)).toEqual([
      'DeltaStreamDataStale',
      'DeltaStreamQueueStalled',
      'DeltaStreamQueueBacklog',
      'DeltaStreamWorkerDown',
    ]);
  });

  describe.each(rules.map((rule) => [rule.alert ?? rule.record ?? '?', rule] as const))(
    '%s',
    (_name, rule) => {
      it('is PromQL that parses, on series the code emits with labels they carry', () => {
        expect(promqlSyntaxErrors(rule.expr)).toEqual([]);
        expect(referenceProblems(rule.expr, series)).toEqual([]);
      });

      it('waits at least a minute before firing, and says how bad it is', () => {
        expect(durationSeconds(rule.for)).toBeGreaterThanOrEqual(60);
        expect(['warning', 'critical']).toContain(rule.labels?.severity);
      });

      it('has a summary, a description and a runbook, quoting only labels its expression keeps', () => {
        for (const key of ['summary', 'description', 'runbook']) {
          expect(rule.annotations?.[key]?.trim().length, key).toBeGreaterThan(20);
        }
        const kept = new Set(readPromql(rule.expr).groupingLabels);
        const quoted = Object.values(rule.annotations ?? {}).flatMap((text) =>
          [...text.matchAll(/\$labels\.([a-zA-Z_]\w*)/g)].map((m) => m[1] ?? ''),
        );
        expect(quoted.filter((label) => !kept.has(label))).toEqual([]);
      });
    },
  );

  it("fires at the workers' readiness bounds (their defaults)", () => {
    const expr = (alert: string) => rules.find((rule) => rule.alert === alert)?.expr ?? '';
    expect(expr('DeltaStreamDataStale')).toContain(`> ${workerDefaults.WORKER_STALE_DATA_SECONDS}\n`);
    expect(expr('DeltaStreamQueueStalled')).toMatch(
      new RegExp(`> ${workerDefaults.WORKER_STALE_DATA_SECONDS}$`),
    );
    expect(expr('DeltaStreamQueueBacklog').trim()).toMatch(
      new RegExp(`> ${workerDefaults.WORKER_MAX_QUEUE_BACKLOG}$`),
    );
  });

  it('is loaded by the compose Prometheus, and documented for Kubernetes', () => {
    const prometheus = readYaml<{ rule_files?: string[] }>('ops/prometheus/prometheus.yml');
    expect(prometheus.rule_files).toContain('/etc/prometheus/alerts.yml');
    const compose = readYaml<{ services: Record<string, { volumes?: string[] }> }>('docker-compose.yml');
    expect(compose.services.prometheus?.volumes).toContain(
      './ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro',
    );
    expect(readRepoFile('k8s/README.md')).toContain('ops/prometheus/alerts.yml');
  });
});
