import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { createPipelineMetrics } from '@deltastream/bus/pipeline-metrics';
import type { MarketQueues } from '@deltastream/bus/queues';
import { assessReadiness, dependencyCheck, type Readiness } from '@deltastream/bus/readiness';
import { redisAnswersPing } from '@deltastream/bus/redis';

export interface FeedOpsDeps {
  registry: Registry;
  /** Command connection in the deployment's namespace. */
  redis: Redis;
  queues: MarketQueues;
  /** The products this feed publishes: it reports their data age. */
  products: readonly string[];
}

/**
 * What the feed's operations endpoints serve beyond its own counters. Metrics: the pipeline's queue depth
 * and data age, which the feed keeps serving when every worker is down. Readiness: Redis answers, the
 * feed's one dependency; the workers' state is theirs to report, never a reason to hold the feed back.
 */
export function createFeedOps({ registry, redis, queues, products }: FeedOpsDeps) {
  createPipelineMetrics(registry, {
    redis,
    marketQueues: [queues.ticks, queues.chains],
    countedQueues: [queues.ticks, queues.chains, queues.deadLetter],
    products,
  });
  return {
    readiness: (): Promise<Readiness> =>
      assessReadiness({ redis: dependencyCheck('Redis', (timeoutMs) => redisAnswersPing(redis, timeoutMs)) }),
  };
}
