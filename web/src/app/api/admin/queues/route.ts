import { z } from 'zod';
import { listDeadLetters, queueOverview } from '@deltastream/bus/queue-admin';
import { adminQueues } from '../../../../server/admin-queues';
import { defineRoute } from '../../../../server/route';

/** Job counts per queue and the newest dead-lettered jobs with their errors (administrators only). */
export const GET = defineRoute(
  {
    route: '/api/admin/queues',
    access: 'admin',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
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
