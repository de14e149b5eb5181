import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { CACHE_KEYS, CACHE_TTL_SECONDS } from '@deltastream/bus/cache';
import { CHANNELS, publish } from '@deltastream/bus/channels';
import { createRedis } from '@deltastream/bus/redis';
import { RECOVERABLE_NAMESPACE } from '@deltastream/core/socket';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSingleProductTest } from './single-product-test';
import {
  enrichedTick,
  REDIS_PREFIX,
  request,
  sleep,
  waitFor,
  type ConnectOptions,
  type RecordingClient,
} from './test-harness';

/**
 * A Redis outage under a running gateway, on a Redis server of the test's own that it stops and starts
 * again on the same port, with clients connecting while it is down.
 */

/** Longer than the gateway's Redis commands take to give up (two retries), so a failure shows. */
const OUTAGE_SETTLE_MS = 2_500;

let port: number;
let redisServer: ChildProcess | undefined;
let publisher: Redis;
let gatewayUrl: string;
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);

// vitest runs after-hooks in reverse: registered before useSingleProductTest's clean-up, this one runs after
// it, so the Redis server stops only once the file's clients and gateway have closed against it.
afterAll(async () => {
  publisher?.disconnect();
  await stopRedisServer();
  process.off('unhandledRejection', recordUnhandled);
});
const realtime = useSingleProductTest('outage@example.com');
const SYMBOL = realtime.symbol;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function startRedisServer(): Promise<void> {
  const server = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  redisServer = server;
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => output.includes('Ready to accept connections'), 10_000);
}

async function stopRedisServer(): Promise<void> {
  const server = redisServer;
  if (!server || server.exitCode !== null) return;
  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  await exited;
}

function client(options: ConnectOptions = {}): Promise<RecordingClient> {
  return realtime.connect(gatewayUrl, { reconnection: true, ...options });
}

const status = async (path: string) => (await fetch(`${gatewayUrl}${path}`)).status;

/** Polls an endpoint until it answers `expected`. */
async function statusBecomes(path: string, expected: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await status(path)) !== expected) {
    if (Date.now() > deadline) throw new Error(`${path} did not answer ${expected}`);
    await sleep(50);
  }
}
const tickIds = (c: RecordingClient) =>
  c.payloads('underlying_update').map((t) => (t as { tick_id: number }).tick_id);

beforeAll(async () => {
  process.on('unhandledRejection', recordUnhandled);
  port = await freePort();
  await startRedisServer();
  const url = `redis://127.0.0.1:${port}`;
  publisher = createRedis(url, 'command', { prefix: REDIS_PREFIX });
  publisher.on('error', () => {});
  gatewayUrl = (await realtime.startGateway({ redisUrl: url })).url;
});

// Runs first, so that the gateway closes against a running Redis server even after a test that stopped it.
afterAll(async () => {
  if (redisServer?.exitCode !== null) await startRedisServer();
});

describe('a Redis outage', () => {
  it('leaves the gateway up and unready, tells new subscribers the snapshot is unavailable, and recovers', async () => {
    const before = await client();
    const recovering = await client({ namespace: RECOVERABLE_NAMESPACE });
    for (const c of [before, recovering]) await request(c, 'subscribe', { type: 'product', symbol: SYMBOL });
    await statusBecomes('/ready', 200);
    await publish(publisher, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 1));
    await waitFor(() => tickIds(before).length === 1 && tickIds(recovering).length === 1);
    // A cached tick that the outage makes unreadable: it must not be served as the latest.
    await publisher.hset(
      CACHE_KEYS.latestUnderlying(SYMBOL),
      'seq',
      1,
      'payload',
      JSON.stringify(enrichedTick(SYMBOL, 1)),
    );
    await publisher.expire(CACHE_KEYS.latestUnderlying(SYMBOL), CACHE_TTL_SECONDS.latest);

    await stopRedisServer();
    await statusBecomes('/ready', 503);
    expect(await status('/health')).toBe(200);

    // New clients, in both namespaces, connect and subscribe while Redis is down.
    const during = await client();
    const duringRecoverable = await client({ namespace: RECOVERABLE_NAMESPACE });
    for (const c of [during, duringRecoverable]) {
      expect(await request(c, 'subscribe', { type: 'product', symbol: SYMBOL })).toMatchObject({
        room: `product:${SYMBOL}`,
      });
    }
    // A recoverable client that drops and comes back during the outage.
    recovering.socket.io.engine.close();
    await waitFor(() => recovering.count('connected') === 2, 10_000);
    // Each of these emits once failed in the Redis adapter's publish, unhandled: the process died of it.
    await sleep(OUTAGE_SETTLE_MS);
    expect(unhandled).toEqual([]);
    expect(await status('/health')).toBe(200);
    expect(await status('/ready')).toBe(503);
    // Subscribed, but told that the latest data cannot be read rather than sent the cached tick.
    for (const c of [during, duringRecoverable]) {
      expect(c.payloads('error')).toEqual([{ code: 'SNAPSHOT_UNAVAILABLE', message: expect.any(String) }]);
      expect(c.count('underlying_update')).toBe(0);
    }

    await startRedisServer();
    await statusBecomes('/ready', 200, 15_000);
    await publish(publisher, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 2));
    const everyone = [before, recovering, during, duringRecoverable];
    await waitFor(() => everyone.every((c) => tickIds(c).includes(2)));
    expect(everyone.map(tickIds)).toEqual([[1, 2], [1, 2], [2], [2]]);
    expect(recovering.socket.recovered).toBe(true);
    expect(unhandled).toEqual([]);
  });
});
