import { redisAnswersPing } from '@deltastream/bus/redis';
import { databaseAnswers } from '@deltastream/db/client';
import { defineRoute, json } from '../../../server/route';

/** Liveness and readiness: 200 when Redis and PostgreSQL both answer, 503 naming what does not. */
export const GET = defineRoute(
  { route: '/api/health', access: 'public', rateLimited: false },
  async ({ ctx }) => {
    const [redis, postgres] = await Promise.all([redisAnswersPing(ctx.redis), databaseAnswers(ctx.database)]);
    const ok = redis && postgres;
    return json(
      { status: ok ? 'ok' : 'unavailable', redis: redis ? 'ok' : 'down', postgres: postgres ? 'ok' : 'down' },
      { status: ok ? 200 : 503 },
    );
  },
);
