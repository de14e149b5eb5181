import { purgeDeadLetters } from '@deltastream/bus/queue-admin';
import { adminQueues } from '../../../../../server/admin-queues';
import { defineRoute } from '../../../../../server/route';

/** Drops every dead-lettered job (administrators only). */
export const DELETE = defineRoute(
  { route: '/api/admin/queues/dead-letter', access: 'admin' },
  async ({ ctx, logger }) => {
    const purged = await purgeDeadLetters(adminQueues(ctx));
    logger.warn({ purged }, 'dead-letter queue purged');
    return { purged };
  },
);
