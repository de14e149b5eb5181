import type { Redis } from 'ioredis';
import { API_TOKEN_REVOKED_CHANNEL } from '@deltastream/bus/cache';
import { createLogger, type Logger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { createWebMetrics, type WebMetrics } from '@deltastream/bus/web-metrics';
import { createDb, type Db, type DbHandle } from '@deltastream/db/client';
import { loadWebConfig, type WebConfig } from './config';
import type { CachedApiToken } from './principal';
import { createRevocableCache, type RevocableCache } from './revocable-cache';

/** Everything a route handler needs, created once per server process from the environment. */
export interface WebContext {
  config: WebConfig;
  db: Db;
  database: DbHandle;
  redis: Redis;
  logger: Logger;
  metrics: WebMetrics;
  /** API-token lookups held in this process by token hash; revoking one reaches every process. */
  apiTokens: RevocableCache<CachedApiToken>;
}

/**
 * How long a process trusts its copy of an API token's lookup. Revocations arrive by pub/sub within
 * milliseconds; this bounds a copy's life should one be lost anyway.
 */
const API_TOKEN_HOLD_MS = 5_000;

const CONTEXT = Symbol.for('deltastream.web.context');

function createContext(): WebContext {
  const config = loadWebConfig();
  const database = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
  // Under load many requests read Redis in the same tick; auto-pipelining sends those reads together.
  const redis = createRedis(config.REDIS_URL, 'command', {
    prefix: config.REDIS_PREFIX,
    enableAutoPipelining: true,
  });
  const logger = createLogger('web', config.LOG_LEVEL);
  return {
    config,
    db: database.db,
    database,
    redis,
    logger,
    metrics: createWebMetrics(),
    apiTokens: createRevocableCache({
      redisUrl: config.REDIS_URL,
      redisPrefix: config.REDIS_PREFIX,
      publisher: redis,
      channel: API_TOKEN_REVOKED_CHANNEL,
      ttlMs: API_TOKEN_HOLD_MS,
      maxEntries: 10_000,
      logger,
    }),
  };
}

/**
 * One context per process, kept on globalThis: `next dev` re-evaluates modules on every edit (a module
 * variable would open another pool each time), and the production server (`serve.ts`) runs route handlers
 * from its own bundle as well as Next.js's, and both must share one set of connections and metrics.
 */
const holder = globalThis as { [CONTEXT]?: WebContext };
/** The process's context, created on first use (so `next build` never connects to anything). */
export function getContext(): WebContext {
  holder[CONTEXT] ??= createContext();
  return holder[CONTEXT];
}

/** Closes the context's connections (tests; the server process simply exits). */
export async function closeContext(): Promise<void> {
  const context = holder[CONTEXT];
  if (!context) return;
  delete holder[CONTEXT];
  context.apiTokens.close();
  context.redis.disconnect();
  await context.database.close();
}
