import { z } from 'zod';
import { retryDeadLetter } from '@deltastream/bus/queue-admin';
import { adminQueues } from '../../../../../../../server/admin-queues';
import { AppError } from '../../../../../../../server/errors';
import { defineRoute } from '../../../../../../../server/route';

/** Re-enqueues a dead-lettered job on its own queue and drops the entry (administrators only). */
export const POST = defineRoute(
  {
    route: '/api/admin/queues/dead-letter/{id}/retry',
    access: 'admin',
    params: z.object({ id: z.string().min(1).max(300) }),
  },
  async ({ ctx, params, logger }) => {
    let entry;
    try {
      entry = await retryDeadLetter(adminQueues(ctx), params.id);
    } catch (error) {
      throw new AppError('CONFLICT', `cannot retry: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!entry) throw new AppError('NOT_FOUND', 'no dead-letter entry with this id');
    logger.info(
      { deadLetterId: params.id, queue: entry.queue, jobId: entry.job_id },
      'dead-lettered job retried',
    );
    return { retried: true, id: params.id, queue: entry.queue, job_id: entry.job_id };
  },
);
