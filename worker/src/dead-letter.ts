import type { Job, Queue } from 'bullmq';
import type { DeadLetterJob } from '@deltastream/bus/queues';

/**
 * A failure is final when the processor gave up on the job (`UnrecoverableError`: bad input will not
 * get better) or when the last configured attempt failed. Earlier failures are retried by BullMQ.
 */
export function isFinalFailure(job: Pick<Job, 'attemptsMade' | 'opts'>, error: Error): boolean {
  return error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

export function toDeadLetter(queueName: string, job: Job, error: Error, failedAt: Date): DeadLetterJob {
  return {
    queue: queueName,
    job_id: job.id ?? 'unknown',
    job_name: job.name,
    data: job.data,
    error: error.message,
    attempts_made: job.attemptsMade,
    failed_at: failedAt.toISOString(),
  };
}

/**
 * Copies a finally failed job into the dead-letter queue under the same id, so a job that fails twice
 * (after a manual retry) is recorded once per failure id and never lost.
 */
export async function deadLetter(deadLetters: Queue<DeadLetterJob>, entry: DeadLetterJob): Promise<void> {
  await deadLetters.add('dead-letter', entry, {
    jobId: `${entry.queue}-${entry.job_id}-${entry.attempts_made}`,
  });
}
