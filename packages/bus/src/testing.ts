import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { scanKeys } from './redis';

/**
 * A Redis namespace (REDIS_PREFIX) no other test run or deployment uses: a test that creates its
 * connections and queues in it never touches the keys, channels or queues of a platform running on the
 * same Redis, nor those of a test running in parallel.
 */
export function testRedisPrefix(label = 'test'): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key of the connection's namespace (a test's clean-up). */
export async function deleteNamespace(redis: Redis): Promise<void> {
  const keys = await scanKeys(redis, '*');
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
}
