import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { createRevocableCache, type RevocableCache } from './revocable-cache';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = testRedisPrefix('revocations');
const publisher = createRedis(redisUrl, 'command', { prefix: redisPrefix });
const logger = createLogger('test', 'silent');
const opened: RevocableCache<string>[] = [];

/** A cache as one web process holds it; several on one channel stand for several pods. */
function processCache(channel: string, options: { ttlMs?: number; maxEntries?: number } = {}) {
  const cache = createRevocableCache<string>({
    redisUrl,
    redisPrefix,
    publisher,
    channel,
    ttlMs: options.ttlMs ?? 60_000,
    maxEntries: options.maxEntries ?? 100,
    logger,
  });
  opened.push(cache);
  return cache;
}

/** Sets `key` once the cache's subscription is up (it holds nothing before). */
async function held(cache: RevocableCache<string>, key: string, value: string): Promise<void> {
  await expect.poll(() => (cache.set(key, value), cache.get(key)), { timeout: 5_000 }).toBe(value);
}

afterAll(() => {
  for (const cache of opened) cache.close();
  publisher.disconnect();
});

describe('revocable cache', () => {
  it('drops a revoked key in this process at once and in the others within milliseconds', async () => {
    const channel = `test:revoked:${randomUUID()}`;
    const [here, there, elsewhere] = [processCache(channel), processCache(channel), processCache(channel)];
    for (const cache of [here, there, elsewhere]) {
      await held(cache, 'a', 'alice');
      await held(cache, 'b', 'bob');
    }
    const revokedAt = performance.now();
    await here.revoke('a');
    expect(here.get('a')).toBeUndefined();
    await expect
      .poll(() => [there.get('a'), elsewhere.get('a')], { interval: 1 })
      .toEqual([undefined, undefined]);
    expect(performance.now() - revokedAt).toBeLessThan(1_000);
    expect([here.get('b'), there.get('b'), elsewhere.get('b')]).toEqual(['bob', 'bob', 'bob']);
  });

  it('lets a copy live its time at most, and holds a bounded number', async () => {
    const brief = processCache(`test:revoked:${randomUUID()}`, { ttlMs: 50, maxEntries: 2 });
    await held(brief, 'a', 'alice');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(brief.get('a')).toBeUndefined();
    await held(brief, 'x', '1');
    brief.set('y', '2');
    brief.set('z', '3');
    expect([brief.get('x'), brief.get('y'), brief.get('z')]).toEqual([undefined, '2', '3']);
  });

  it('tells its followers of every revocation, from any process, until they stop following', async () => {
    const channel = `test:revoked:${randomUUID()}`;
    const [here, there] = [processCache(channel), processCache(channel)];
    const heard: string[] = [];
    const stop = there.follow({ revoked: (key) => heard.push(key), subscribed: () => {} });
    await held(here, 'x', 'ready');
    await held(there, 'x', 'ready');
    await here.revoke('a');
    await there.revoke('b');
    await expect.poll(() => heard).toEqual(['a', 'b']);
    stop();
    await here.revoke('c');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual(['a', 'b']);
  });

  it('holds nothing while it is not subscribed, and forgets everything when the subscription drops', async () => {
    const channel = `test:revoked:${randomUUID()}`;
    const cache = processCache(channel);
    let subscriptions = 0;
    cache.follow({ revoked: () => {}, subscribed: () => (subscriptions += 1) });
    cache.set('early', 'before the subscription');
    expect(cache.get('early')).toBeUndefined();
    await held(cache, 'a', 'alice');
    // The subscriber's connection drops: a revocation sent meanwhile would be lost, so nothing is kept.
    const subscribers = (await publisher.client('LIST')) as string;
    const ids = subscribers
      .split('\n')
      .filter((line) => line.includes(`name=revocations:${channel} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1]);
    expect(ids).toHaveLength(1);
    await publisher.client('KILL', 'ID', ids[0]!);
    await expect.poll(() => cache.get('a')).toBeUndefined();
    await held(cache, 'a', 'alice again');
    // Subscribed once at start, once more after the loss: followers check what they hold again.
    expect(subscriptions).toBe(2);
  });
});
