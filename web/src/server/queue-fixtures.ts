import type { MarketQueues } from '@deltastream/bus/queues';

/** The dead-letter queue's id for the job `deadLetterChainJob` adds. */
export const DEAD_LETTERED_CHAIN_JOB_ID = 'chains-NIFTY-20261201-000042-1';

/** Dead-letters a chain job as the worker does once it gives up on one: the job, and why it failed. */
export async function deadLetterChainJob(
  queues: Pick<MarketQueues, 'chains' | 'deadLetter'>,
  error: string,
): Promise<void> {
  await queues.deadLetter.add(
    'dead-letter',
    {
      queue: queues.chains.name,
      job_id: 'NIFTY-20261201-000042',
      job_name: 'chain',
      data: { product: 'NIFTY' },
      error,
      attempts_made: 1,
      failed_at: new Date().toISOString(),
    },
    { jobId: DEAD_LETTERED_CHAIN_JOB_ID },
  );
}
