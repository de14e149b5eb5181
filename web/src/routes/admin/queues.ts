import { z } from 'zod';
import { DeadLetterJobSchema } from '@deltastream/bus/queues';
import {
  listDeadLetters,
  purgeDeadLetters,
  queueOverview,
  retryDeadLetter,
} from '@deltastream/bus/queue-admin';
import { API_SCHEMAS } from '../../contracts/api-schemas';
import { adminQueues } from '../../server/admin-queues';
import { AppError } from '../../server/errors';
import { defineRoute } from '../../server/route';

/** The queue states BullMQ counts (packages/bus/queue-admin's overview). */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

const AdminQueuesSchema = z
  .object({
    queues: z.array(z.object({ name: z.string(), counts: z.record(z.enum(QUEUE_STATES), z.number().int()) })),
    dead_letters: z.object({
      total: z.number().int(),
      /** Newest first, at most `limit`. */
      entries: z.array(DeadLetterJobSchema.extend({ id: z.string() })),
    }),
  })
  .register(API_SCHEMAS, { id: 'AdminQueues' });
const AdminPurgeSchema = z.object({ purged: z.number().int() }).register(API_SCHEMAS, { id: 'AdminPurge' });
const AdminRetrySchema = z
  .object({ retried: z.literal(true), id: z.string(), queue: z.string(), job_id: z.string() })
  .register(API_SCHEMAS, { id: 'AdminRetry' });

/** Job counts per queue and the newest dead-lettered jobs with their errors (administrators only). */
export const queueOverviewRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/admin/queues',
    access: 'admin',
    tag: 'Operations',
    summary: 'Queue overview',
    description: 'Job counts per queue and the newest dead-lettered jobs with their errors.',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    parameterNotes: { limit: 'Dead-lettered jobs to list.' },
    response: { status: 200, description: 'The queues.', schema: AdminQueuesSchema },
  },
  async ({ ctx, query }) => {
    const queues = adminQueues(ctx);
    const [overview, deadLetters] = await Promise.all([
      queueOverview(queues),
      listDeadLetters(queues, query.limit),
    ]);
    return { queues: overview, dead_letters: deadLetters };
  },
);

/** Drops every dead-lettered job (administrators only). */
export const purgeDeadLettersRoute = defineRoute(
  {
    method: 'DELETE',
    path: '/api/admin/queues/dead-letter',
    access: 'admin',
    tag: 'Operations',
    summary: 'Purge dead-lettered jobs',
    response: { status: 200, description: 'How many were dropped.', schema: AdminPurgeSchema },
  },
  async ({ ctx, logger }) => {
    const purged = await purgeDeadLetters(adminQueues(ctx));
    logger.warn({ purged }, 'dead-letter queue purged');
    return { purged };
  },
);

/** Re-enqueues a dead-lettered job on its own queue and drops the entry (administrators only). */
export const retryDeadLetterRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/admin/queues/dead-letter/{id}/retry',
    access: 'admin',
    tag: 'Operations',
    summary: 'Retry a dead-lettered job',
    description:
      'Re-enqueues the job on its own queue and drops the entry; 409 when its data is not a valid job.',
    params: z.object({ id: z.string().min(1).max(300) }),
    parameterNotes: { id: "The dead-letter entry's id." },
    response: { status: 200, description: 'The job is queued again.', schema: AdminRetrySchema },
    errors: [404, 409],
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
