import type { Job } from 'bullmq';
import {
  ChainJobSchema,
  DeadLetterJobSchema,
  JOB_NAMES,
  MARKET_JOB_OPTIONS,
  TickBatchJobSchema,
  type DeadLetterJob,
  type MarketQueues,
} from './queues';

/**
 * What operators do with the queues, shared by the dead-letter CLI and web's admin page: read the
 * counts, list dead-lettered jobs with their errors, retry one, purge them all.
 */
const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;
export type QueueState = (typeof STATES)[number];

export interface QueueOverview {
  name: string;
  counts: Record<QueueState, number>;
}

export async function queueOverview(queues: MarketQueues): Promise<QueueOverview[]> {
  return Promise.all(
    [queues.chains, queues.ticks, queues.deadLetter].map(async (queue) => {
      const counts = await queue.getJobCounts(...STATES);
      return {
        name: queue.name,
        counts: Object.fromEntries(STATES.map((state) => [state, counts[state] ?? 0])) as Record<
          QueueState,
          number
        >,
      };
    }),
  );
}

export interface DeadLetterEntry extends DeadLetterJob {
  /** The entry's own id in the dead-letter queue (what `retry` takes). */
  id: string;
}

/** Dead-lettered jobs, newest first: the queue nothing consumes, so they wait until retried or purged. */
export async function listDeadLetters(
  queues: Pick<MarketQueues, 'deadLetter'>,
  limit: number,
): Promise<{ total: number; entries: DeadLetterEntry[] }> {
  const [jobs, total] = await Promise.all([
    queues.deadLetter.getJobs(['waiting', 'delayed', 'paused'], 0, limit - 1),
    queues.deadLetter.count(),
  ]);
  const entries = jobs
    .filter((job): job is Job<DeadLetterJob> & { id: string } => job?.id !== undefined)
    .map((job) => ({ id: job.id, ...DeadLetterJobSchema.parse(job.data) }));
  return { total, entries };
}

/**
 * Re-enqueues the original job on its own queue under a new id (the old one may still deduplicate),
 * then drops the entry. Null when there is no such entry; throws when its data is not a valid job (a
 * poison message would only fail again).
 */
export async function retryDeadLetter(queues: MarketQueues, id: string): Promise<DeadLetterEntry | null> {
  const job = await queues.deadLetter.getJob(id);
  if (!job) return null;
  const entry = DeadLetterJobSchema.parse(job.data);
  const options = { ...MARKET_JOB_OPTIONS, jobId: `${entry.job_id}-retry-${Date.now()}` };
  if (entry.queue === queues.chains.name) {
    await queues.chains.add(JOB_NAMES.chain, ChainJobSchema.parse(entry.data), options);
  } else if (entry.queue === queues.ticks.name) {
    await queues.ticks.add(JOB_NAMES.ticks, TickBatchJobSchema.parse(entry.data), options);
  } else {
    throw new Error(`dead-letter entry ${id} names an unknown queue ${entry.queue}`);
  }
  await job.remove();
  return { id, ...entry };
}

/** Drops every dead-lettered job; returns how many there were. */
export async function purgeDeadLetters(queues: Pick<MarketQueues, 'deadLetter'>): Promise<number> {
  const total = await queues.deadLetter.count();
  await queues.deadLetter.drain(true);
  return total;
}
