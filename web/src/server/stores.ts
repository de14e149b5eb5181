import { redisAnswersPing } from '@deltastream/bus/redis';
import { databaseAnswers } from '@deltastream/db/client';
import type { ReadinessResponse } from '../contracts/rest';
import type { WebContext } from './context';

/** Whether Redis and PostgreSQL both answer, and which does not: the readiness of Next.js and of the market API. */
export async function storesAnswer(ctx: WebContext): Promise<ReadinessResponse> {
  const [redis, postgres] = await Promise.all([redisAnswersPing(ctx.redis), databaseAnswers(ctx.database)]);
  return {
    status: redis && postgres ? 'ok' : 'unavailable',
    redis: redis ? 'ok' : 'down',
    postgres: postgres ? 'ok' : 'down',
  };
}
