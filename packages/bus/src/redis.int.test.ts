import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, redisAnswersPing, redisScript, runScript } from './redis';
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

describe('redisAnswersPing', () => {
  it('is true when Redis answers, and false within its timeout when a server hangs or refuses', async () => {
    expect(await redisAnswersPing(redis)).toBe(true);
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const options = { prefix: 'unused', enableReadyCheck: false, retryStrategy: () => null };
    const hanging = createRedis(`redis://127.0.0.1:${port}`, 'command', options);
    const refusing = createRedis('redis://127.0.0.1:1', 'command', options);
    refusing.on('error', () => undefined); // the refused connection is the point of the test
    try {
      const started = performance.now();
      expect(await redisAnswersPing(hanging, 200)).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(await redisAnswersPing(refusing, 2_000)).toBe(false);
    } finally {
      hanging.disconnect();
      refusing.disconnect();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
