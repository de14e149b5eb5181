import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import {
  OptionChainSchema,
  UnderlyingTickSchema,
  type OptionChain,
  type UnderlyingTick,
} from '@deltastream/core/schemas';
import { chainJobId, tickJobId } from './job-id';

/** Queue names: the one spelling every tier uses. */
export const QUEUES = {
  ticks: 'market-ticks',
  chains: 'market-chains',
  deadLetter: 'dead-letter',
  /** Scheduled housekeeping (history retention); one job per period whatever the worker count. */
  maintenance: 'maintenance',
} as const;
export type MarketQueueName = typeof QUEUES.ticks | typeof QUEUES.chains;

export const JOB_NAMES = {
  ticks: 'ticks',
  chain: 'chain',
  deadLetter: 'dead-letter',
  pruneHistory: 'prune-history',
} as const;

/** Most ticks one job may carry; the feed batches a product's ticks per flush to keep job overhead low. */
export const MAX_TICKS_PER_JOB = 500;

/** A batch of ticks of one product, in tick order. */
export const TickBatchJobSchema = z
  .object({ ticks: z.array(UnderlyingTickSchema).min(1).max(MAX_TICKS_PER_JOB) })
  .refine((job) => job.ticks.every((t) => t.product === job.ticks[0]?.product), {
    message: 'all ticks of a job must be of one product',
    path: ['ticks'],
  });
export type TickBatchJob = z.infer<typeof TickBatchJobSchema>;

export const ChainJobSchema = OptionChainSchema;
export type ChainJob = OptionChain;

/** What lands in the dead-letter queue: enough to understand and replay the failure. */
export const DeadLetterJobSchema = z.object({
  queue: z.string(),
  job_id: z.string(),
  job_name: z.string(),
  data: z.unknown(),
  error: z.string(),
  attempts_made: z.number().int().nonnegative(),
  failed_at: z.iso.datetime(),
});
export type DeadLetterJob = z.infer<typeof DeadLetterJobSchema>;

/**
 * Retries with exponential backoff (250 ms, 500 ms, 1 s, 2 s). Completed jobs are kept for an hour
 * so their ids keep deduplicating a replay of the same data; failed ones are copied to the
 * dead-letter queue and then dropped from the work queue.
 */
export const MARKET_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 250 },
  removeOnComplete: { age: 3600, count: 100_000 },
  removeOnFail: { age: 24 * 3600 },
};

/** `prefix` is the deployment's REDIS_PREFIX: it namespaces every BullMQ key (tests use a unique one). */
export function createMarketQueues(connection: ConnectionOptions, prefix: string) {
  const base = { connection, prefix };
  return {
    ticks: new Queue<TickBatchJob>(QUEUES.ticks, { ...base, defaultJobOptions: MARKET_JOB_OPTIONS }),
    chains: new Queue<ChainJob>(QUEUES.chains, { ...base, defaultJobOptions: MARKET_JOB_OPTIONS }),
    deadLetter: new Queue<DeadLetterJob>(QUEUES.deadLetter, {
      ...base,
      defaultJobOptions: { removeOnComplete: false, removeOnFail: false },
    }),
  };
}

export async function closeMarketQueues(queues: MarketQueues): Promise<void> {
  await Promise.all([queues.ticks.close(), queues.chains.close(), queues.deadLetter.close()]);
}
export type MarketQueues = ReturnType<typeof createMarketQueues>;

/** Enqueues one job per product batch; the job id is the first tick's id. */
export async function enqueueTicks(
  queues: Pick<MarketQueues, 'ticks'>,
  ticks: UnderlyingTick[],
): Promise<void> {
  const byProduct = new Map<string, UnderlyingTick[]>();
  for (const tick of ticks) {
    const list = byProduct.get(tick.product) ?? [];
    list.push(tick);
    byProduct.set(tick.product, list);
  }
  const jobs = [];
  for (const list of byProduct.values()) {
    for (let i = 0; i < list.length; i += MAX_TICKS_PER_JOB) {
      const batch = list.slice(i, i + MAX_TICKS_PER_JOB);
      const first = batch[0] as UnderlyingTick;
      jobs.push({
        name: JOB_NAMES.ticks,
        data: { ticks: batch },
        opts: { jobId: tickJobId(first.product, first.tick_id) },
      });
    }
  }
  if (jobs.length > 0) await queues.ticks.addBulk(jobs);
}

export async function enqueueChains(
  queues: Pick<MarketQueues, 'chains'>,
  chains: OptionChain[],
): Promise<void> {
  if (chains.length === 0) return;
  await queues.chains.addBulk(
    chains.map((chain) => ({
      name: JOB_NAMES.chain,
      data: chain,
      opts: { jobId: chainJobId(chain.product, chain.expiry, chain.seq) },
    })),
  );
}
