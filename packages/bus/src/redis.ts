import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';
import { withTimeout } from '@deltastream/core/async';

/**
 * `queue` connections are for BullMQ workers and blocking commands: BullMQ requires
 * `maxRetriesPerRequest: null` there. `command` connections fail fast so a cache read never hangs a
 * request. `subscriber` connections enter pub/sub mode and can do nothing else.
 */
export type RedisRole = 'queue' | 'command' | 'subscriber';

/**
 * The namespace of one deployment (or one test run) on a shared Redis: `REDIS_PREFIX`. Every cache and
 * rate-limit key, every pub/sub channel and every BullMQ key of a deployment starts with `<prefix>:`, so
 * a test run or a second deployment on the same server never reads, overwrites or hears another's data.
 */
export const RedisPrefixSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
  .max(64);

export interface RedisConnectionOptions extends Omit<RedisOptions, 'keyPrefix'> {
  /**
   * The namespace (see RedisPrefixSchema). Command and subscriber connections carry it: ioredis prefixes
   * every key a command names (scripts' KEYS included), and `channelName` prefixes channels, which
   * ioredis leaves alone. Queue connections ignore it: BullMQ takes the prefix as its own `prefix`
   * option and refuses an ioredis keyPrefix.
   */
  prefix: string;
}

export function createRedis(
  url: string,
  role: RedisRole,
  { prefix, ...options }: RedisConnectionOptions,
): Redis {
  RedisPrefixSchema.parse(prefix);
  return new Redis(url, {
    maxRetriesPerRequest: role === 'command' ? 2 : null,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `deltastream-${role}`,
    ...(role === 'queue' ? {} : { keyPrefix: `${prefix}:` }),
    ...options,
  });
}

/** `channel` in the namespace of `redis` (a command or subscriber connection made by createRedis). */
export function channelName(redis: Redis, channel: string): string {
  return `${redis.options.keyPrefix ?? ''}${channel}`;
}

/**
 * True when Redis answers PING within `timeoutMs`: the Redis check of every tier's readiness. The timeout
 * keeps a probe from hanging on a connection that is reconnecting.
 */
export async function redisAnswersPing(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  try {
    return (await withTimeout(redis.ping(), timeoutMs, 'Redis')) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * Every key of the connection's namespace matching `pattern`, walked with SCAN in batches: unlike KEYS
 * it never blocks Redis for the other clients while it searches a large keyspace (test clean-up on a
 * shared server, operator tools). SCAN's pattern and answers are not prefixed by ioredis, so the
 * namespace is added to the pattern here and taken off the keys, which the same connection can then
 * pass to DEL.
 */
export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const prefix = redis.options.keyPrefix ?? '';
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1000);
    for (const key of batch) keys.push(key.slice(prefix.length));
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** A Lua script with its SHA-1, so callers send the digest (EVALSHA) instead of the text every time. */
export interface RedisScript {
  lua: string;
  sha: string;
}

export function redisScript(lua: string): RedisScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * Runs `script` by its digest, and in full only when this Redis does not know it yet (a fresh or
 * restarted server answers NOSCRIPT), after which the server caches it. On a hot path this saves
 * sending the script's text, and Redis its compilation, on every call.
 */
export async function runScript(
  redis: Redis,
  script: RedisScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    return redis.eval(script.lua, keys.length, ...keys, ...args);
  }
}
