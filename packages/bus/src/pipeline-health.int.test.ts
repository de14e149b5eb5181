import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_KEYS, CACHE_TTL_SECONDS } from './cache';
import { readDataAges, readQueueBacklog, recordProcessedData } from './pipeline-health';
import { closeMarketQueues, createMarketQueues } from './queues';
import { createRedis } from './redis';
import { deleteNamespace, testRedisPrefix } from './testing';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = testRedisPrefix('pipeline');
const redis = createRedis(url, 'command', { prefix });
const connection = createRedis(url, 'queue', { prefix });
const queues = createMarketQueues(connection, prefix);

afterAll(async () => {
  await Promise.all([queues.ticks.obliterate({ force: true }), queues.chains.obliterate({ force: true })]);
  await closeMarketQueues(queues);
  await deleteNamespace(redis);
  redis.disconnect();
  connection.disconnect();
});

describe('processed data (real Redis)', () => {
  it('keeps the newest time per product and kind, whatever order replicas write in, under a TTL', async () => {
    const t0 = Date.parse('2026-11-24T05:00:00.000Z');
    await recordProcessedData(redis, [
      { kind: 'chain', product: 'NIFTY', enqueuedAtMs: t0 + 5_000 },
      { kind: 'tick', product: 'NIFTY', enqueuedAtMs: t0 + 1_000 },
    ]);
    // A replica that finished older jobs later.
    await recordProcessedData(redis, [
      { kind: 'chain', product: 'NIFTY', enqueuedAtMs: t0 + 2_000 },
      { kind: 'tick', product: 'NIFTY', enqueuedAtMs: t0 + 3_000 },
      { kind: 'tick', product: 'BRK-B', enqueuedAtMs: t0 },
    ]);
    const ages = await readDataAges(redis, t0 + 10_000);
    expect(ages.sort((a, b) => `${a.kind}${a.product}`.localeCompare(`${b.kind}${b.product}`))).toEqual([
      { kind: 'chain', product: 'NIFTY', ageSeconds: 5 },
      { kind: 'tick', product: 'BRK-B', ageSeconds: 10 },
      { kind: 'tick', product: 'NIFTY', ageSeconds: 7 },
    ]);
    const ttl = await redis.ttl(CACHE_KEYS.dataFreshness());
    expect(ttl).toBeGreaterThan(CACHE_TTL_SECONDS.dataFreshness - 60);
    expect(ttl).toBeLessThanOrEqual(CACHE_TTL_SECONDS.dataFreshness);
  });
});

describe('queue backlog (real Redis)', () => {
  it('counts waiting and delayed jobs and measures the oldest waiting one', async () => {
    const nowMs = Date.now();
    expect(await readQueueBacklog(queues.chains, nowMs)).toEqual({
      queue: 'market-chains',
      waiting: 0,
      delayed: 0,
      oldestWaitingSeconds: null,
    });
    await queues.chains.add('chain', {} as never, { jobId: 'first', timestamp: nowMs - 40_000 });
    await queues.chains.add('chain', {} as never, { jobId: 'second', timestamp: nowMs - 10_000 });
    await queues.chains.add('chain', {} as never, { jobId: 'later', delay: 60_000 });
    expect(await readQueueBacklog(queues.chains, nowMs)).toEqual({
      queue: 'market-chains',
      waiting: 2,
      delayed: 1,
      oldestWaitingSeconds: 40,
    });
  });
});
