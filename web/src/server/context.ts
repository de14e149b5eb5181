import type { Redis } from 'ioredis';
import { createLogger, type Logger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { createDb, type Db, type DbHandle } from '@deltastream/db/client';
import { loadWebConfig, type WebConfig } from './config';
import { createWebMetrics, type WebMetrics } from './metrics';

/** Everything a route handler needs, created once per server process from the environment. */
export interface WebContext {
  config: WebConfig;
  db: Db;
  database: DbHandle;
  redis: Redis;
  logger: Logger;
  metrics: WebMetrics;
}

function createContext(): WebContext {
  const config = loadWebConfig();
  const database = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
  return {
    config,
    db: database.db,
    database,
    // Under load many requests read Redis in the same tick; auto-pipelining sends those reads together.
    redis: createRedis(config.REDIS_URL, 'command', { enableAutoPipelining: true }),
    logger: createLogger('web', config.LOG_LEVEL),
    metrics: createWebMetrics(),
  };
}

// `next dev` re-evaluates modules on every edit; keeping the context on globalThis there stops each
// reload from opening another pool. Elsewhere a module variable is enough.
const holder = (process.env.NODE_ENV === 'development' ? globalThis : {}) as { deltastreamWeb?: WebContext };

/** The process's context, created on first use (so `next build` never connects to anything). */
export function getContext(): WebContext {
  holder.deltastreamWeb ??= createContext();
  return holder.deltastreamWeb;
}

/** Closes the context's connections (tests; the server process simply exits). */
export async function closeContext(): Promise<void> {
  const context = holder.deltastreamWeb;
  if (!context) return;
  delete holder.deltastreamWeb;
  context.redis.disconnect();
  await context.database.close();
}
