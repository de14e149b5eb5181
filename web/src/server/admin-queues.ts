import { createMarketQueues, type MarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import type { WebContext } from './context';

let queues: MarketQueues | undefined;

/**
 * The market queues, for the admin page only: opened on first use with a connection of BullMQ's own
 * kind (no retry limit), so ordinary requests never hold one.
 */
export function adminQueues(ctx: WebContext): MarketQueues {
  queues ??= createMarketQueues(
    createRedis(ctx.config.REDIS_URL, 'queue', { prefix: ctx.config.REDIS_PREFIX }),
    ctx.config.REDIS_PREFIX,
  );
  return queues;
}
