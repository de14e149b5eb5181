import { redisAnswersPing } from '@deltastream/bus/redis';
import { databaseAnswers } from '@deltastream/db/client';
import type { HealthResponse } from '../contracts/rest';
import type { WebContext } from './context';

/** Whether Redis and PostgreSQL both answer, and which does not: web's /api/health and the market API's /ready. */
export async function storesAnswer(ctx: WebContext): Promise<HealthResponse> {
  const [redis, postgres] = await Promise.all([redisAnswersPing(ctx.redis), databaseAnswers(ctx.database)]);
  return {
    status: redis && postgres ? 'ok' : 'unavailable',
    redis: redis ? 'ok' : 'down',
    postgres: postgres ? 'ok' : 'down',
  };
}
