import { Counter, type Registry } from 'prom-client';
import { METRIC_NAMES } from './metrics';

/** The feed's Prometheus metrics: what it handed to the market queues, by product. */
export function createFeedMetrics(registry: Registry) {
  return {
    ticksPublished: new Counter({
      name: METRIC_NAMES.feedTicksPublished,
      help: 'Underlying ticks handed to the ticks queue.',
      labelNames: ['product'],
      registers: [registry],
    }),
    chainsPublished: new Counter({
      name: METRIC_NAMES.feedChainsPublished,
      help: 'Option chain snapshots handed to the chains queue.',
      labelNames: ['product'],
      registers: [registry],
    }),
  };
}
