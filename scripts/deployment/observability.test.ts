/**
 * Prometheus scrapes every tier, and the Grafana dashboard charts only what the code emits, with the
 * labels it emits, and charts all of it.
 */
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '@deltastream/bus/metrics';
import { emittedSeries, referenceProblems } from './emitted-metrics';
import { dashboardExpressions, readPromql } from './promql';
import { readRepoFile, readYaml } from './repo-files';

interface ScrapeJob {
  job_name: string;
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[]; type?: string; port?: number }[];
}
interface ComposeService {
  environment?: Record<string, unknown>;
  volumes?: string[];
  image?: string;
}

const prometheus = readYaml<{ global?: { scrape_interval?: string }; scrape_configs: ScrapeJob[] }>(
  'ops/prometheus/prometheus.yml',
);
const compose = readYaml<{ services: Record<string, ComposeService> }>('docker-compose.yml');
const dashboard: unknown = JSON.parse(readRepoFile('ops/grafana/dashboards/deltastream.json'));

/** Each tier's service in docker-compose.yml, the variable holding its port, and its metrics path. */
const SCRAPED_TIERS = [
  { service: 'feed', portVariable: 'FEED_PORT', path: '/metrics', scales: false },
  { service: 'worker', portVariable: 'WORKER_PORT', path: '/metrics', scales: true },
  { service: 'realtime', portVariable: 'REALTIME_PORT', path: '/metrics', scales: true },
  { service: 'web', portVariable: 'PORT', path: '/api/metrics', scales: false },
  { service: 'market-api', portVariable: 'MARKET_API_PORT', path: '/metrics', scales: true },
] as const;

describe('ops/prometheus/prometheus.yml', () => {
  it.each(SCRAPED_TIERS)('scrapes every $service replica on its port and path', (tier) => {
    const port = Number(compose.services[tier.service]?.environment?.[tier.portVariable]);
    expect(port, `${tier.service}.${tier.portVariable} in docker-compose.yml`).toBeGreaterThan(0);
    const jobs = prometheus.scrape_configs.filter((job) =>
      (job.dns_sd_configs ?? []).some((sd) => sd.names.includes(tier.service) && sd.port === port),
    );
    expect(jobs, `a dns_sd_configs job for ${tier.service}:${port}`).toHaveLength(1);
    const [job] = jobs;
    expect(job?.metrics_path ?? '/metrics').toBe(tier.path);
    // One A record per replica: `docker compose up --scale` adds targets without a config change.
    for (const sd of job?.dns_sd_configs ?? []) expect(sd.type ?? 'SRV').toBe('A');
    if (tier.scales) expect(job?.static_configs ?? []).toEqual([]);
  });

  it('names only services that docker-compose.yml runs, and has unique job names', () => {
    const names = prometheus.scrape_configs.flatMap((job) =>
      (job.dns_sd_configs ?? []).flatMap((sd) => sd.names),
    );
    for (const name of names) expect(Object.keys(compose.services)).toContain(name);
    const jobNames = prometheus.scrape_configs.map((job) => job.job_name);
    expect(new Set(jobNames).size).toBe(jobNames.length);
  });

  it('is the file the prometheus service mounts', () => {
    expect(compose.services.prometheus?.volumes).toContain(
      './ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
  });
});

describe('Grafana provisioning', () => {
  const datasources = readYaml<{ datasources: { uid: string; type: string; url: string }[] }>(
    'ops/grafana/provisioning/datasources/prometheus.yml',
  );
  const providers = readYaml<{ providers: { options: { path: string } }[] }>(
    'ops/grafana/provisioning/dashboards/deltastream.yml',
  );
  const grafanaMounts = compose.services.grafana?.volumes ?? [];

  it('points the datasource at the compose prometheus service', () => {
    const [datasource] = datasources.datasources;
    expect(datasource?.type).toBe('prometheus');
    expect(new URL(datasource?.url ?? '').host).toBe('prometheus:9090');
    expect(compose.services.prometheus).toBeDefined();
  });

  it('loads dashboards from where compose mounts ops/grafana/dashboards', () => {
    const mount = grafanaMounts.find((volume) => volume.startsWith('./ops/grafana/dashboards:'));
    expect(mount).toBeDefined();
    expect(providers.providers.map((provider) => provider.options.path)).toContain(mount?.split(':')[1]);
    expect(
      grafanaMounts.some((volume) =>
        volume.startsWith('./ops/grafana/provisioning:/etc/grafana/provisioning'),
      ),
    ).toBe(true);
  });

  it('queries the provisioned datasource through the dashboard variable', () => {
    const variables = (dashboard as { templating: { list: { name: string; type: string; query: string }[] } })
      .templating.list;
    expect(variables).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    const panelSources = JSON.stringify(dashboard).match(/"uid":\s*"[^"]*"/g) ?? [];
    for (const uid of panelSources.filter((entry) => !entry.includes('deltastream'))) {
      expect(uid).toMatch(/"\$\{datasource\}"/);
    }
  });
});

describe('ops/grafana/dashboards/deltastream.json', () => {
  const series = emittedSeries();
  const expressions = dashboardExpressions(dashboard);

  it('has panels with queries', () => {
    expect(expressions.length).toBeGreaterThan(20);
  });

  it('charts only series the code emits, matched and grouped on labels they carry', () => {
    const problems = expressions.flatMap(({ panel, expr }) =>
      referenceProblems(expr, series).map((problem) => `${panel}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('charts every DeltaStream metric (METRIC_NAMES)', () => {
    const charted = new Set(
      expressions.flatMap(({ expr }) => readPromql(expr).selectors.map((s) => series.get(s.metric)?.family)),
    );
    const missing = Object.values(METRIC_NAMES).filter((name) => !charted.has(name));
    expect(missing).toEqual([]);
  });

  it('charts event-loop lag and memory for every tier', () => {
    const all = expressions.map(({ expr }) => expr).join('\n');
    expect(all).toMatch(/nodejs_eventloop_lag_\w*seconds/);
    expect(all).toMatch(/process_resident_memory_bytes/);
    expect(all).toMatch(/by \([^)]*\btier\b/);
  });

  it('has unique panel ids and a stable uid', () => {
    const ids: number[] = [];
    const visit = (panels: { id: number; panels?: unknown[] }[]) =>
      panels.forEach((panel) => {
        ids.push(panel.id);
        visit((panel.panels ?? []) as { id: number }[]);
      });
    visit((dashboard as { panels: { id: number }[] }).panels);
    expect(new Set(ids).size).toBe(ids.length);
    expect((dashboard as { uid: string }).uid).toBe('deltastream');
  });
});
