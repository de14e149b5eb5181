import type { Redis } from 'ioredis';
import { createApiTokenLookup, type ApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import { createLogger, type Logger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { createWebMetrics, type WebMetrics } from '@deltastream/bus/web-metrics';
import { createDb, type Db, type DbHandle } from '@deltastream/db/client';
import { loadWebConfig, type WebConfig } from './config';

/** Everything a route handler needs, created once per server process from the environment. */
export interface WebContext {
  config: WebConfig;
  db: Db;
  database: DbHandle;
  redis: Redis;
  logger: Logger;
  metrics: WebMetrics;
  /** Who an API token belongs to, and its revocation, which reaches every process. */
  apiTokens: ApiTokenLookup;
}

const CONTEXT = Symbol.for('deltastream.web.context');

/** Which of web's servers a process is: Next.js, or the market API (its metrics say which). */
export type WebProcess = 'web' | 'market-api';

function createContext(server: WebProcess): WebContext {
  const config = loadWebConfig();
  const database = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
  // Under load many requests read Redis in the same tick; auto-pipelining sends those reads together.
  const redis = createRedis(config.REDIS_URL, 'command', {
    prefix: config.REDIS_PREFIX,
    enableAutoPipelining: true,
  });
  const logger = createLogger(server, config.LOG_LEVEL);
  return {
    config,
    db: database.db,
    database,
    redis,
    logger,
    metrics: createWebMetrics(server),
    apiTokens: createApiTokenLookup({
      db: database.db,
      redis,
      redisUrl: config.REDIS_URL,
      redisPrefix: config.REDIS_PREFIX,
      logger,
    }),
  };
}

/**
 * One context per process, kept on globalThis: `next dev` re-evaluates modules on every edit, and a module
 * variable would open another pool each time.
 */
const holder = globalThis as { [CONTEXT]?: WebContext };
/** The process's context, created on first use (so `next build` never connects to anything). */
export function getContext(): WebContext {
  holder[CONTEXT] ??= createContext('web');
  return holder[CONTEXT];
}

/** Opens the context of a server other than Next.js (the market API) before its first request. */
export function openContext(server: WebProcess): WebContext {
  if (holder[CONTEXT]) throw new Error('the web context is already open');
  holder[CONTEXT] = createContext(server);
  return holder[CONTEXT];
}

/** Closes the context's connections (tests, and the market API's shutdown). */
export async function closeContext(): Promise<void> {
  const context = holder[CONTEXT];
  if (!context) return;
  delete holder[CONTEXT];
  context.apiTokens.close();
  context.redis.disconnect();
  await context.database.close();
}
