/**
 * The Prometheus series the tiers expose, built by the metric factories the tiers register with (so
 * names, types and label names are exactly what /metrics serves), with prom-client's default process
 * metrics.
 */
import type { Registry } from 'prom-client';
import { createFeedMetrics } from '@deltastream/bus/feed-metrics';
import { createMetricsRegistry } from '@deltastream/bus/metrics';
import { createPipelineMetrics, type PipelineMetricsDeps } from '@deltastream/bus/pipeline-metrics';
import { createRealtimeMetrics } from '@deltastream/bus/realtime-metrics';
import { createWebMetrics } from '@deltastream/bus/web-metrics';
import { createWorkerMetrics } from '@deltastream/bus/worker-metrics';
import { readPromql } from './promql';

/** Labels every series carries: the registry's default `tier`, and the target labels Prometheus adds. */
export const TARGET_LABELS = ['tier', 'job', 'instance'] as const;

export interface EmittedSeries {
  /** The metric family (without _bucket/_sum/_count). */
  family: string;
  type: string;
  labels: readonly string[];
}

interface MetricWithLabels {
  name: string;
  type: string;
  labelNames?: readonly string[];
}

function tierRegistries(): Registry[] {
  // Never collected here, so no connection is needed.
  const pipeline: PipelineMetricsDeps = {
    redis: {} as PipelineMetricsDeps['redis'],
    marketQueues: [],
    countedQueues: [],
    products: [],
  };
  const feed = createMetricsRegistry('feed');
  createFeedMetrics(feed);
  createPipelineMetrics(feed, pipeline);
  const worker = createMetricsRegistry('worker');
  createWorkerMetrics(worker);
  createPipelineMetrics(worker, pipeline);
  const realtime = createMetricsRegistry('realtime');
  createRealtimeMetrics(realtime, { connectedClients: () => 0, rooms: () => 0 });
  return [feed, worker, realtime, createWebMetrics().registry];
}

/** Series name → what it is. Histograms expose `_bucket` (with `le`), `_sum` and `_count`. */
export function emittedSeries(): Map<string, EmittedSeries> {
  const series = new Map<string, EmittedSeries>();
  for (const registry of tierRegistries()) {
    for (const metric of registry.getMetricsAsArray() as unknown as MetricWithLabels[]) {
      const labels = [...(metric.labelNames ?? []), ...TARGET_LABELS];
      const family: EmittedSeries = { family: metric.name, type: metric.type, labels };
      if (metric.type === 'histogram') {
        series.set(`${metric.name}_bucket`, { ...family, labels: [...labels, 'le'] });
        series.set(`${metric.name}_sum`, family);
        series.set(`${metric.name}_count`, family);
      } else if (metric.type === 'summary') {
        series.set(metric.name, { ...family, labels: [...labels, 'quantile'] });
        series.set(`${metric.name}_sum`, family);
        series.set(`${metric.name}_count`, family);
      } else {
        series.set(metric.name, family);
      }
    }
  }
  return series;
}

/**
 * What in a PromQL expression the code does not emit: a series no tier serves, a label matched on a
 * series that lacks it, or a grouping label no series of the expression has.
 */
export function referenceProblems(expression: string, series: Map<string, EmittedSeries>): string[] {
  const problems: string[] = [];
  const { selectors, groupingLabels } = readPromql(expression);
  for (const selector of selectors) {
    const emitted = series.get(selector.metric);
    if (!emitted) {
      problems.push(`${selector.metric} is not emitted`);
      continue;
    }
    for (const label of selector.matchedLabels) {
      if (!emitted.labels.includes(label)) problems.push(`${selector.metric} has no label ${label}`);
    }
  }
  const available = new Set(selectors.flatMap((selector) => series.get(selector.metric)?.labels ?? []));
  for (const label of groupingLabels) {
    if (!available.has(label)) problems.push(`groups by ${label}, which no series in "${expression}" has`);
  }
  return problems;
}
