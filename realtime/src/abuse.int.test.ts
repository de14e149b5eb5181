import { cacheLatestChain } from '@deltastream/bus/cache';
import { rawConnect } from '@deltastream/bus/raw-socket-io-client';
import { enrichInOrder } from '@deltastream/bus/testing';
import { flatVolChain } from '@deltastream/core/testing';
import { describe, expect, it } from 'vitest';
import { useSingleProductTest } from './single-product-test';
import { daysFromToday, request, SETTLE_MS, sleep, waitFor, type RecordingClient } from './test-harness';

/** What a client can make the gateway do: send, hold and accept no more than it should. */

const realtime = useSingleProductTest('abuse@example.com');
const { symbol: SYMBOL, products, redis } = realtime;

function disconnection(c: RecordingClient): Promise<string> {
  return new Promise((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)));
}

describe('re-subscribing', () => {
  it('to a room already joined confirms it again and sends no second snapshot', async () => {
    // A chain of a realistic size (41 strikes): a snapshot is tens of kilobytes.
    const product = products.find((p) => p.symbol === SYMBOL)!;
    const timestamp = new Date().toISOString();
    const chain = flatVolChain(product, {
      expiry: daysFromToday(3),
      timestamp,
      seq: 1,
      spot: 100,
      volatility: 0.2,
      strikes: Array.from({ length: 41 }, (_, i) => 80 + i),
    });
    const [enriched] = enrichInOrder(product, [chain]);
    await cacheLatestChain(redis, enriched!);
    const gateway = await realtime.startGateway();
    const c = await realtime.connect(gateway.url);
    let bytesIn = 0;
    c.socket.io.engine.on('data', (data) => (bytesIn += typeof data === 'string' ? data.length : 0));

    await request(c, 'subscribe', { type: 'chain', symbol: SYMBOL });
    await waitFor(() => c.count('chain_update') === 1);
    const snapshotBytes = bytesIn;
    expect(snapshotBytes).toBeGreaterThan(10_000);
    for (let i = 0; i < 50; i += 1) {
      expect(await request(c, 'subscribe', { type: 'chain', symbol: SYMBOL })).toMatchObject({
        type: 'chain',
        symbol: SYMBOL,
      });
    }
    await sleep(SETTLE_MS);
    expect(c.count('chain_update')).toBe(1);
    expect(c.count('subscribed')).toBe(51);
    // Fifty confirmations cost less than one snapshot.
    expect(bytesIn - snapshotBytes).toBeLessThan(snapshotBytes);
  });
});

describe('the rate limit per socket', () => {
  it('refuses events over the bucket with RATE_LIMITED, refills at the sustained rate', async () => {
    const gateway = await realtime.startGateway({
      clientEventLimit: { eventsPerSecond: 4, burst: 5, maxRefused: 100 },
    });
    const c = await realtime.connect(gateway.url);
    const replies = await Promise.all(Array.from({ length: 8 }, () => request(c, 'get_products')));
    expect(replies.map((reply) => (reply as { code?: string }).code ?? 'products')).toEqual([
      ...Array(5).fill('products'),
      ...Array(3).fill('RATE_LIMITED'),
    ]);
    expect(c.payloads('error')).toHaveLength(3);
    // 4 a second: one token every 250 ms.
    await sleep(300);
    expect(await request(c, 'get_products')).toHaveProperty('products');
    expect(await request(c, 'get_products')).toMatchObject({ code: 'RATE_LIMITED' });
    expect(c.socket.connected).toBe(true);
  });

  it('closes the connection of a client that keeps going, told why', async () => {
    const gateway = await realtime.startGateway({
      clientEventLimit: { eventsPerSecond: 1, burst: 2, maxRefused: 5 },
    });
    const [abuser, neighbour] = [await realtime.connect(gateway.url), await realtime.connect(gateway.url)];
    const ended = disconnection(abuser);
    for (let i = 0; i < 20; i += 1) abuser.socket.emit('subscribe', { type: 'product', symbol: SYMBOL });
    expect(await ended).toBe('io server disconnect');
    expect(abuser.payloads('error').slice(-1)).toEqual([
      { code: 'RATE_LIMITED', message: 'too many events over the limit: the connection is closed' },
    ]);
    // Two events went through, four were refused and the fifth refusal ended it: nothing after it ran.
    expect(abuser.count('subscribed')).toBeLessThanOrEqual(2);
    expect(abuser.payloads('error').map((error) => (error as { code: string }).code)).toEqual(
      Array(5).fill('RATE_LIMITED'),
    );
    // The limit is the socket's own.
    expect(await request(neighbour, 'get_products')).toHaveProperty('products');
  });
});

describe('message size', () => {
  it('closes a connection that sends a message over the cap; smaller ones pass', async () => {
    const gateway = await realtime.startGateway({ maxMessageBytes: 2048 });
    const c = await realtime.connect(gateway.url);
    expect(
      await request(c, 'subscribe', { type: 'product', symbol: SYMBOL, pad: 'x'.repeat(1500) }),
    ).toMatchObject({ room: `product:${SYMBOL}` });
    const ended = disconnection(c);
    c.socket.emit('subscribe', { type: 'product', symbol: SYMBOL, pad: 'x'.repeat(4096) });
    expect(await ended).toBe('transport close');
  });
});

describe('origins', () => {
  it('lets configured origins, the gateway’s own and scripts without one open a socket; refuses others', async () => {
    const gateway = await realtime.startGateway({ corsOrigins: ['https://dashboard.example.com'] });
    const open = async (origin?: string) => {
      const headers: Record<string, string> = origin === undefined ? {} : { origin };
      return rawConnect(gateway.url, { auth: { token: realtime.token }, headers }).then(
        (raw) => (raw.close(), 'open'),
        (error: Error) => error.message,
      );
    };
    expect(await open('https://dashboard.example.com')).toBe('open');
    expect(await open(gateway.url)).toBe('open');
    expect(await open()).toBe('open');
    // engine.io refuses a WebSocket upgrade with a 400 (a polling handshake with a 403, below).
    expect(await open('https://elsewhere.example.com')).toMatch(/400/);
    expect(await open('http://localhost:3000')).toMatch(/400/);
  });

  it('answers long-polling with CORS headers for a configured origin only', async () => {
    const gateway = await realtime.startGateway({ corsOrigins: ['https://dashboard.example.com'] });
    const handshake = (origin: string) =>
      fetch(`${gateway.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const allowed = await handshake('https://dashboard.example.com');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await handshake('https://elsewhere.example.com');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
