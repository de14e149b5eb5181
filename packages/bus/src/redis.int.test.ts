import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, redisScript, runScript } from './redis';
import { testRedisPrefix } from './testing';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'command', {
  prefix: testRedisPrefix('redis'),
});
const key = `test:script:${randomUUID()}`;

afterAll(async () => {
  await redis.del(key);
  redis.disconnect();
});

describe('runScript', () => {
  it('sends an unknown script in full once, then by its digest', async () => {
    // A comment no other script carries, so this server has never seen it.
    const script = redisScript(`-- ${randomUUID()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`);
    const known = async () => ((await redis.script('EXISTS', script.sha)) as number[])[0];
    expect(await known()).toBe(0);
    expect(await runScript(redis, script, [key], [5])).toBe(5);
    expect(await known()).toBe(1);
    expect(await runScript(redis, script, [key], [2])).toBe(7);
  });

  it('passes on errors other than an unknown script', async () => {
    const script = redisScript(`return redis.error_reply('BROKEN on purpose')`);
    await expect(runScript(redis, script, [], [])).rejects.toThrow('BROKEN on purpose');
  });
});
