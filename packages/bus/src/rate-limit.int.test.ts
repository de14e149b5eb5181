import { afterAll, describe, expect, it } from 'vitest';
import { clearRateLimit, releaseAttempt, reserveAttempt } from './rate-limit';
import { createRedis } from './redis';
import { deleteNamespace, testRedisPrefix } from './testing';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'command', {
  prefix: testRedisPrefix('rate-limit'),
});
afterAll(async () => {
  await deleteNamespace(redis);
  redis.disconnect();
});

const WINDOW_MS = 60_000;

describe('reserveAttempt', () => {
  it('lets exactly the limit through however many race for it', async () => {
    const counter = { key: 'race', limit: 5 };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => reserveAttempt(redis, [counter], WINDOW_MS)),
    );
    expect(results.filter((result) => result.reserved)).toHaveLength(5);
    expect(Number(await redis.get('race'))).toBe(5);
    const refused = results.find((result) => !result.reserved);
    expect(refused).toMatchObject({ reserved: false });
    expect(refused && !refused.reserved && refused.resetMs).toBeGreaterThan(WINDOW_MS - 5_000);
  });

  it('reserves on every counter or on none: a full one leaves the others as they were', async () => {
    const account = { key: 'account', limit: 2 };
    const address = { key: 'address', limit: 10 };
    for (let i = 0; i < 2; i += 1) {
      expect(await reserveAttempt(redis, [account, address], WINDOW_MS)).toEqual({ reserved: true });
    }
    expect((await reserveAttempt(redis, [account, address], WINDOW_MS)).reserved).toBe(false);
    expect(Number(await redis.get('address'))).toBe(2);
    expect(await redis.pttl('address')).toBeGreaterThan(0);
  });

  it('gives a reservation back without going below zero or restarting the window', async () => {
    await reserveAttempt(redis, [{ key: 'release', limit: 3 }], WINDOW_MS);
    await redis.pexpire('release', 30_000);
    await releaseAttempt(redis, 'release');
    expect(Number(await redis.get('release'))).toBe(0);
    expect(await redis.pttl('release')).toBeLessThanOrEqual(30_000);
    await releaseAttempt(redis, 'release');
    expect(Number(await redis.get('release'))).toBe(0);
    await releaseAttempt(redis, 'never-reserved');
    expect(await redis.exists('never-reserved')).toBe(0);
    await clearRateLimit(redis, 'release');
    expect(await redis.exists('release')).toBe(0);
  });
});
