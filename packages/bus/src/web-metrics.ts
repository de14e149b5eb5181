import { Counter, Histogram, type Registry } from 'prom-client';
import { createMetricsRegistry, METRIC_NAMES } from './metrics';

export interface WebMetrics {
  registry: Registry;
  /** Labelled by the route's pattern (`/api/data/chain/{product}`), never the raw path, to bound cardinality. */
  requestDuration: Histogram<'route' | 'method' | 'status'>;
  rateLimited: Counter<'limit'>;
  loginAttempts: Counter<'outcome'>;
}

/** web's metrics, labelled with the process that serves them: Next.js (`web`) or the market API. */
export function createWebMetrics(tier: 'web' | 'market-api' = 'web'): WebMetrics {
  const registry = createMetricsRegistry(tier);
  return {
    registry,
    requestDuration: new Histogram({
      name: METRIC_NAMES.webRequestDuration,
      help: 'REST request latency by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: METRIC_NAMES.webRateLimited,
      help: 'Requests refused with 429, by limit',
      labelNames: ['limit'],
      registers: [registry],
    }),
    loginAttempts: new Counter({
      name: METRIC_NAMES.webLoginAttempts,
      help: 'Sign-in attempts by outcome (success, invalid, rate_limited)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
