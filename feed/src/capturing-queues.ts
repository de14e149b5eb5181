import type { ChainJob, TickBatchJob } from '@deltastream/bus/queues';
import type { FeedQueues } from './publisher';

export interface CapturedJob<T> {
  name: string;
  data: T;
  opts?: { jobId?: string };
}

/**
 * Stand-ins for the BullMQ queues in unit tests: they record every `addBulk` call and hold nothing,
 * so job ids can be compared without Redis. (The integration tests use real queues.)
 */
export function createCapturingQueues() {
  const ticks: CapturedJob<TickBatchJob>[] = [];
  const chains: CapturedJob<ChainJob>[] = [];
  const queues = {
    ticks: { addBulk: async (jobs: CapturedJob<TickBatchJob>[]) => void ticks.push(...jobs) },
    chains: { addBulk: async (jobs: CapturedJob<ChainJob>[]) => void chains.push(...jobs) },
  } as unknown as FeedQueues;
  const jobIds = () => ({
    ticks: ticks.map((job) => job.opts?.jobId),
    chains: chains.map((job) => job.opts?.jobId),
  });
  return { queues, ticks, chains, jobIds };
}
