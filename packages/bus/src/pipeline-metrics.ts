import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import { withTimeout } from '@deltastream/core/async';
import { METRIC_NAMES } from './metrics';
import { readDataAges, readQueueBacklogWithin } from './pipeline-health';
import { CHECK_TIMEOUT_MS } from './readiness';

export interface PipelineMetricsDeps {
  /** Command connection in the deployment's namespace: where the workers record what they processed. */
  redis: Redis;
  /** The market queues (their backlog and oldest waiting job). */
  marketQueues: readonly Queue[];
  /** Every queue whose job counts are charted, the market queues and the dead-letter queue. */
  countedQueues: readonly Queue[];
  /** The products whose data age this process reports (the feed: those it publishes). */
  products: readonly string[];
  now?: () => number;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** A gauge's declaration, and how it reads its values. */
interface ScrapedGaugeConfiguration<Label extends string> {
  name: string;
  help: string;
  labelNames: readonly Label[];
  read(gauge: Gauge<Label>): Promise<void>;
}

/** A gauge that reads its values when Prometheus scrapes, emptied first so no old value outlives a read. */
function scrapedGauge<Label extends string>(
  registry: Registry,
  { read, ...declaration }: ScrapedGaugeConfiguration<Label>,
): Gauge<Label> {
  return new Gauge({
    ...declaration,
    registers: [registry],
    async collect() {
      this.reset();
      await read(this);
    },
  });
}

/**
 * The pipeline's state as Prometheus gauges, read from Redis and BullMQ when Prometheus scrapes. Both the
 * feed and the workers serve them, so they are there while either runs (the feed stays up when every
 * worker is down). A read that fails or takes longer than a second leaves the gauge empty for that
 * scrape rather than failing the whole scrape or repeating an old value.
 */
export function createPipelineMetrics(registry: Registry, deps: PipelineMetricsDeps) {
  const now = deps.now ?? Date.now;
  const products = new Set(deps.products);
  return {
    queueDepth: scrapedGauge(registry, {
      name: METRIC_NAMES.queueDepth,
      help: 'Jobs in each BullMQ queue by state.',
      labelNames: ['queue', 'state'],
      async read(gauge) {
        const counts = await Promise.allSettled(
          deps.countedQueues.map((queue) =>
            withTimeout(queue.getJobCounts(...QUEUE_STATES), CHECK_TIMEOUT_MS, `the ${queue.name} queue`),
          ),
        );
        counts.forEach((result, index) => {
          if (result.status !== 'fulfilled') return;
          const queue = deps.countedQueues[index]?.name ?? '';
          for (const state of QUEUE_STATES) gauge.set({ queue, state }, result.value[state] ?? 0);
        });
      },
    }),
    queueOldestWaiting: scrapedGauge(registry, {
      name: METRIC_NAMES.queueOldestWaiting,
      help: 'How long the oldest waiting job of each market queue has waited since it was enqueued, seconds (0: none waits).',
      labelNames: ['queue'],
      async read(gauge) {
        const backlogs = await Promise.allSettled(
          deps.marketQueues.map((queue) => readQueueBacklogWithin(queue, now(), CHECK_TIMEOUT_MS)),
        );
        for (const result of backlogs) {
          if (result.status === 'fulfilled')
            gauge.set({ queue: result.value.queue }, result.value.oldestWaitingSeconds ?? 0);
        }
      },
    }),
    dataAge: scrapedGauge(registry, {
      name: METRIC_NAMES.dataAge,
      help: 'Age of the newest tick or chain of each product the workers have processed, from its enqueueing by the feed, seconds.',
      labelNames: ['product', 'kind'],
      async read(gauge) {
        const ages = await withTimeout(readDataAges(deps.redis, now()), CHECK_TIMEOUT_MS, 'Redis').catch(
          () => [],
        );
        for (const { product, kind, ageSeconds } of ages) {
          if (products.has(product)) gauge.set({ product, kind }, ageSeconds);
        }
      },
    }),
  };
}
export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;
