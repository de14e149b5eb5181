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
