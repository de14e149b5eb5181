import type { Redis } from 'ioredis';

/**
 * Ready when Redis answers PING within `timeoutMs`: the feed has nothing else to depend on. The
 * timeout keeps a probe from hanging on a connection that is reconnecting.
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
