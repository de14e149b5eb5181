import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_KEYS } from '@deltastream/bus/cache';
import { readDataAges } from '@deltastream/bus/pipeline-health';
import { createRedis } from '@deltastream/bus/redis';
import { deleteNamespace, testRedisPrefix } from '@deltastream/bus/testing';
import { createProcessedDataRecorder } from './processed-data';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'command', {
  prefix: testRedisPrefix('processed'),
});
afterAll(async () => {
  await deleteNamespace(redis);
  redis.disconnect();
});

describe('the processed-data recorder (real Redis)', () => {
  it('writes the newest job per product and kind, and keeps what a failed write held for the next', async () => {
    const recorder = createProcessedDataRecorder(redis, pino({ level: 'silent' }));
    recorder.note('chain', 'NIFTY', 5_000);
    recorder.note('chain', 'NIFTY', 4_000);
    // A write Redis refuses: the key holds a string where the script expects a hash.
    await redis.set(CACHE_KEYS.dataFreshness(), 'not a hash');
    await expect(recorder.flush()).rejects.toThrow(/WRONGTYPE/);
    await redis.del(CACHE_KEYS.dataFreshness());
    recorder.note('tick', 'NIFTY', 6_000);
    recorder.note('chain', 'NIFTY', 3_000);
    await recorder.stop();
    const ages = await readDataAges(redis, 10_000);
    expect(ages.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'chain', product: 'NIFTY', ageSeconds: 5 },
      { kind: 'tick', product: 'NIFTY', ageSeconds: 4 },
    ]);
  });
});
