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
