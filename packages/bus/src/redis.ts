import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * `queue` connections are for BullMQ workers and blocking commands: BullMQ requires
 * `maxRetriesPerRequest: null` there. `command` connections fail fast so a cache read never hangs a
 * request. `subscriber` connections enter pub/sub mode and can do nothing else.
 */
export type RedisRole = 'queue' | 'command' | 'subscriber';

export function createRedis(url: string, role: RedisRole, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'command' ? 2 : null,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `deltastream-${role}`,
    ...options,
  });
}

/**
 * True when Redis answers PING within `timeoutMs`: the readiness check of every tier. The timeout
 * keeps a probe from hanging on a connection that is reconnecting.
 */
export async function redisAnswersPing(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every key matching `pattern`, walked with SCAN in batches: unlike KEYS it never blocks Redis for the
 * other clients while it searches a large keyspace (test clean-up on a shared server, operator tools).
 */
export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
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
