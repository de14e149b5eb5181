import { createFeedMetrics } from '@deltastream/bus/feed-metrics';
import { enqueueChains, enqueueTicks, type MarketQueues } from '@deltastream/bus/queues';
import type { OptionChain, UnderlyingTick } from '@deltastream/core/schemas';
import type { Registry } from 'prom-client';
import { createTickBatcher } from './tick-batcher';

/** The queues the feed writes to; tests pass queues with a prefix of their own. */
export type FeedQueues = Pick<MarketQueues, 'ticks' | 'chains'>;

export interface Publisher {
  /**
   * Enqueues `chains` at once and buffers `ticks`; then enqueues the tick windows closed at `nowMs`
   * (tick-batcher.ts).
   */
  publish(ticks: readonly UnderlyingTick[], chains: readonly OptionChain[], nowMs: number): Promise<void>;
  /** Enqueues every buffered tick. */
  flush(): Promise<void>;
}

export interface PublisherOptions {
  queues: FeedQueues;
  registry: Registry;
  tickBatchWindowMs?: number;
}

/**
 * The feed's one way into the queues, for the simulator and the replay alike. Counters count what
 * was handed to BullMQ; a job whose id BullMQ still holds is not added again (a replay or an
 * overlapping restart), but it is counted.
 */
export function createPublisher({ queues, registry, tickBatchWindowMs }: PublisherOptions): Publisher {
  const { ticksPublished, chainsPublished } = createFeedMetrics(registry);
  const batcher = createTickBatcher(tickBatchWindowMs);

  const enqueueWindows = async (windows: UnderlyingTick[][]) => {
    // One call per window: enqueueTicks merges a product's ticks into one job per call.
    for (const ticks of windows) {
      await enqueueTicks(queues, ticks);
      for (const tick of ticks) ticksPublished.inc({ product: tick.product });
    }
  };

  return {
    async publish(ticks, chains, nowMs) {
      batcher.add(ticks);
      if (chains.length > 0) {
        await enqueueChains(queues, [...chains]);
        for (const chain of chains) chainsPublished.inc({ product: chain.product });
      }
      await enqueueWindows(batcher.takeClosed(nowMs));
    },
    flush: () => enqueueWindows(batcher.takeAll()),
  };
}
