import { CACHE_KEYS, CACHE_TTL_SECONDS, cacheLatestChain } from '@deltastream/bus/cache';
import { CHANNELS, publish } from '@deltastream/bus/channels';
import { channelName, createRedis } from '@deltastream/bus/redis';
import { ROOMS } from '@deltastream/bus/rooms';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '@deltastream/bus/metrics';
import { RECOVERABLE_NAMESPACE } from '@deltastream/core/socket';
import {
  catalogueWith,
  daysFromToday,
  enrichedChain,
  enrichedTick,
  REDIS_PREFIX,
  request,
  SETTLE_MS,
  sleep,
  startGateway,
  uniqueSymbol,
  useRealtimeTest,
  userToken,
  waitFor,
  type ConnectOptions,
  type Gateway,
  type RecordingClient,
} from './test-harness';

const SYMBOL = uniqueSymbol();
const OTHER = uniqueSymbol();
const SNAPSHOT = uniqueSymbol();
const RECOVERY = uniqueSymbol();
const EXPIRIES = uniqueSymbol();
// Enough symbols for more than 50 distinct subscriptions.
const EXTRA = Array.from({ length: 26 }, () => uniqueSymbol());
const TEST_SYMBOLS = [SYMBOL, OTHER, SNAPSHOT, RECOVERY, EXPIRIES, ...EXTRA];
const products = catalogueWith(TEST_SYMBOLS);

const realtime = useRealtimeTest();
const { redis, gateways } = realtime;
let token: string;

function client(gateway: Gateway, options: ConnectOptions = {}): Promise<RecordingClient> {
  return realtime.connect(gateway.url, { token, onlyProducts: TEST_SYMBOLS, ...options });
}

function gateway(index: number): Gateway {
  const g = gateways[index];
  if (!g) throw new Error(`no gateway ${index}`);
  return g;
}

beforeAll(async () => {
  token = await userToken('trader@example.com', 'u1');
  await realtime.startGateway({ products });
  await realtime.startGateway({ products });
});

describe('fan-out across two gateways', () => {
  it('delivers each event exactly once to each client that should get it', async () => {
    const expiry = daysFromToday(7);
    const [productA, productB, chainA, both, other, bystander] = await Promise.all([
      client(gateway(0)),
      client(gateway(1)),
      client(gateway(0)),
      client(gateway(1)),
      client(gateway(0)),
      client(gateway(1)),
    ]);
    await request(productA, 'subscribe', { type: 'product', symbol: SYMBOL });
    await request(productB, 'subscribe', { type: 'product', symbol: SYMBOL });
    await request(chainA, 'subscribe', { type: 'chain', symbol: SYMBOL });
    await request(both, 'subscribe', { type: 'product', symbol: SYMBOL });
    await request(both, 'subscribe', { type: 'chain', symbol: SYMBOL });
    await request(other, 'subscribe', { type: 'product', symbol: OTHER });
    const all = [productA, productB, chainA, both, other, bystander];
    for (const c of all) c.received.length = 0;

    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 1));
    await publish(redis, CHANNELS.enrichedChain, enrichedChain(SYMBOL, expiry, 1));
    await waitFor(() => all.every((c) => c.count('chain_summary') >= 1) && both.count('chain_update') >= 1);
    await sleep(SETTLE_MS);

    // Every client is in `general`, so every client gets the tick — once, even when also in product:X.
    for (const c of all) {
      expect(c.count('underlying_update')).toBe(1);
      expect(c.count('chain_summary')).toBe(1);
    }
    expect(productA.payloads('underlying_update')[0]).toMatchObject({ product: SYMBOL, tick_id: 1 });
    expect(both.payloads('chain_summary')[0]).toMatchObject({
      product: SYMBOL,
      expiry,
      max_pain_strike: 100,
    });
    expect(both.payloads('chain_summary')[0]).not.toHaveProperty('calls');
    expect(chainA.count('chain_update')).toBe(1);
    expect(both.count('chain_update')).toBe(1);
    for (const c of [productA, productB, other, bystander]) expect(c.count('chain_update')).toBe(0);

    // A tick of another product reaches its subscribers and `general`, never another product's room only.
    for (const c of all) c.received.length = 0;
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(OTHER, 1));
    await waitFor(() => all.every((c) => c.count('underlying_update') >= 1));
    await sleep(SETTLE_MS);
    for (const c of all)
      expect(c.payloads('underlying_update')).toEqual([expect.objectContaining({ product: OTHER })]);
  });

  it('drops malformed and unknown-product events without disturbing the next one', async () => {
    const c = await client(gateway(0));
    await redis.publish(channelName(redis, CHANNELS.enrichedUnderlying), '{not json');
    await redis.publish(
      channelName(redis, CHANNELS.enrichedUnderlying),
      JSON.stringify(enrichedTick('NOTLISTED', 1)),
    );
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 2));
    await waitFor(() => c.count('underlying_update') >= 1);
    await sleep(SETTLE_MS);
    expect(c.payloads('underlying_update')).toEqual([
      expect.objectContaining({ product: SYMBOL, tick_id: 2 }),
    ]);
  });
});

describe('chain expiries', () => {
  it('follows one expiry, the nearest live one, in chain:{SYMBOL} and in general; others by name', async () => {
    const [near, far] = [daysFromToday(2), daysFromToday(9)];
    const [nearest, farOnly, both, bystander] = await Promise.all([
      client(gateway(0)),
      client(gateway(1)),
      client(gateway(1)),
      client(gateway(0)),
    ]);
    await request(nearest, 'subscribe', { type: 'chain', symbol: EXPIRIES });
    await request(farOnly, 'subscribe', { type: 'chain', symbol: EXPIRIES, expiry: far });
    await request(both, 'subscribe', { type: 'chain', symbol: EXPIRIES });
    await request(both, 'subscribe', { type: 'chain', symbol: EXPIRIES, expiry: near });
    const all = [nearest, farOnly, both, bystander];
    for (const c of all) c.received.length = 0;

    // Chains of both expiries, interleaved as the worker publishes them; the far one heard first.
    for (let seq = 1; seq <= 3; seq += 1) {
      await publish(redis, CHANNELS.enrichedChain, enrichedChain(EXPIRIES, far, seq));
      await publish(redis, CHANNELS.enrichedChain, enrichedChain(EXPIRIES, near, seq));
    }
    await waitFor(() => farOnly.count('chain_update') === 3 && both.count('chain_update') >= 3);
    await sleep(SETTLE_MS);

    const expiriesOf = (c: RecordingClient, event: string) =>
      c
        .payloads(event)
        .map((p) => `${(p as { expiry: string }).expiry}#${(p as { seq?: number }).seq ?? ''}`);
    // Until the near expiry was heard of, the far one was the nearest known: one chain of it went out.
    expect(expiriesOf(nearest, 'chain_update')).toEqual([`${far}#1`, `${near}#1`, `${near}#2`, `${near}#3`]);
    expect(expiriesOf(both, 'chain_update')).toEqual([`${far}#1`, `${near}#1`, `${near}#2`, `${near}#3`]);
    expect(expiriesOf(farOnly, 'chain_update')).toEqual([`${far}#1`, `${far}#2`, `${far}#3`]);
    expect(bystander.count('chain_update')).toBe(0);
    // `general` gets the product-level summary of the followed expiry only.
    for (const c of all) {
      expect(c.payloads('chain_summary').map((p) => (p as { expiry: string }).expiry)).toEqual([
        far,
        near,
        near,
        near,
      ]);
    }
  });
});

describe('subscribe', () => {
  it('sends the cached snapshot to the new subscriber alone: a chain without expiry, the nearest', async () => {
    const expiries = [daysFromToday(3), daysFromToday(10)];
    await redis
      .multi()
      .hset(
        CACHE_KEYS.latestUnderlying(SNAPSHOT),
        'seq',
        7,
        'payload',
        JSON.stringify(enrichedTick(SNAPSHOT, 7)),
      )
      .expire(CACHE_KEYS.latestUnderlying(SNAPSHOT), CACHE_TTL_SECONDS.latest)
      .exec();
    for (const expiry of expiries) await cacheLatestChain(redis, enrichedChain(SNAPSHOT, expiry, 3));
    // An expired series stays out of the snapshot.
    await cacheLatestChain(redis, enrichedChain(SNAPSHOT, daysFromToday(-2), 3));

    const [early, late] = await Promise.all([client(gateway(0)), client(gateway(1))]);
    await request(early, 'subscribe', { type: 'product', symbol: SNAPSHOT });
    await request(early, 'subscribe', { type: 'chain', symbol: SNAPSHOT });
    await waitFor(() => early.count('chain_update') === 1 && early.count('underlying_update') === 1);
    early.received.length = 0;

    expect(await request(late, 'subscribe', { type: 'product', symbol: 'snapshot' })).toMatchObject({
      code: 'UNKNOWN_SYMBOL',
    });
    expect(await request(late, 'subscribe', { type: 'product', symbol: SNAPSHOT })).toEqual({
      type: 'product',
      symbol: SNAPSHOT,
      room: `product:${SNAPSHOT}`,
      message: `Subscribed to product:${SNAPSHOT}`,
    });
    await request(late, 'subscribe', { type: 'chain', symbol: SNAPSHOT });
    await waitFor(() => late.count('chain_update') === 1 && late.count('underlying_update') === 1);
    await sleep(SETTLE_MS);

    const events = late.received.map((r) => r.event).filter((e) => e !== 'error' && e !== 'connected');
    // The two subscriptions' snapshots are read from the cache concurrently, so only the multiset is
    // fixed, and each snapshot after its own `subscribed` (the chain's after the second).
    expect([...events].sort()).toEqual(['chain_update', 'subscribed', 'subscribed', 'underlying_update']);
    expect(events.indexOf('underlying_update')).toBeGreaterThan(events.indexOf('subscribed'));
    expect(events.indexOf('chain_update')).toBeGreaterThan(events.lastIndexOf('subscribed'));
    expect(late.payloads('underlying_update')).toEqual([
      expect.objectContaining({ product: SNAPSHOT, tick_id: 7 }),
    ]);
    expect(late.payloads('chain_update')).toEqual([expect.objectContaining({ expiry: expiries[0] })]);

    // Another expiry by name: its own snapshot.
    expect(
      await request(late, 'subscribe', { type: 'chain', symbol: SNAPSHOT, expiry: expiries[1] }),
    ).toEqual({
      type: 'chain',
      symbol: SNAPSHOT,
      expiry: expiries[1],
      room: `chain:${SNAPSHOT}:${expiries[1]}`,
      message: `Subscribed to chain:${SNAPSHOT}:${expiries[1]}`,
    });
    await waitFor(() => late.count('chain_update') === 2);
    expect(late.payloads('chain_update')[1]).toMatchObject({ expiry: expiries[1] });
    expect(early.received).toEqual([]);
  });

  it('unsubscribes and lists the products', async () => {
    const c = await client(gateway(1));
    await request(c, 'subscribe', { type: 'chain', symbol: SYMBOL });
    expect(await request(c, 'unsubscribe', { type: 'chain', symbol: SYMBOL })).toEqual({
      type: 'chain',
      symbol: SYMBOL,
      room: `chain:${SYMBOL}`,
      message: `Unsubscribed from chain:${SYMBOL}`,
    });
    expect(c.count('unsubscribed')).toBe(1);
    c.received.length = 0;
    await publish(redis, CHANNELS.enrichedChain, enrichedChain(SYMBOL, daysFromToday(7), 2));
    await waitFor(() => c.count('chain_summary') === 1);
    await sleep(SETTLE_MS);
    expect(c.count('chain_update')).toBe(0);

    const list = (await request(c, 'get_products')) as {
      products: string[];
      catalogue: Array<Record<string, unknown>>;
    };
    // The original's list of symbols, and the catalogue's entries beside it.
    expect(list.products).toEqual(products.map((p) => p.symbol));
    expect(list.catalogue).toHaveLength(products.length);
    expect(list.catalogue.find((p) => p.symbol === SYMBOL)).toEqual({
      symbol: SYMBOL,
      name: `Test ${SYMBOL}`,
      exchange: products[0]?.exchange,
      currency: products[0]?.currency,
      strike_step: products[0]?.strike_step,
      lot_size: products[0]?.lot_size,
    });
    expect(c.count('products')).toBe(1);
  });

  it('answers bad payloads with an error code and stays connected', async () => {
    const c = await client(gateway(0));
    const bad: Array<[unknown[], string]> = [
      [[{ type: 'option', symbol: SYMBOL }], 'INVALID_PAYLOAD'],
      [[{ type: 'product' }], 'INVALID_PAYLOAD'],
      [['NIFTY'], 'INVALID_PAYLOAD'],
      [[], 'INVALID_PAYLOAD'],
      [[{ type: 'product', symbol: 'NOPE' }], 'UNKNOWN_SYMBOL'],
    ];
    for (const [args, code] of bad) {
      expect(await request(c, 'subscribe', ...args)).toMatchObject({ code, message: expect.any(String) });
    }
    // Without an ack the error comes as an event only.
    c.socket.emit('subscribe');
    c.socket.emit('unsubscribe', { type: 'chain', symbol: 'NOPE' });
    await waitFor(() => c.count('error') === bad.length + 2);
    expect(c.payloads('error').slice(-2)).toEqual([
      expect.objectContaining({ code: 'INVALID_PAYLOAD' }),
      expect.objectContaining({ code: 'UNKNOWN_SYMBOL' }),
    ]);
    expect(c.socket.connected).toBe(true);
    expect(c.count('subscribed')).toBe(0);
    expect(
      Array.from(
        gateway(0)
          .server.io.of('/')
          .sockets.get(c.socket.id ?? '')?.rooms ?? [],
      ).sort(),
      // Its own user room (the token's `sub`) besides `general`, and nothing a bad payload named.
    ).toEqual([c.socket.id, 'general', ROOMS.user('u1')].sort());
  });

  it('refuses the 51st subscription', async () => {
    const c = await client(gateway(1));
    const pairs = [SYMBOL, OTHER, ...EXTRA].flatMap((symbol) => [
      { type: 'product', symbol },
      { type: 'chain', symbol },
    ]);
    for (const pair of pairs.slice(0, 50)) {
      expect(await request(c, 'subscribe', pair)).toMatchObject(pair);
    }
    // Re-subscribing to a room already joined is not a new subscription.
    expect(await request(c, 'subscribe', pairs[0])).toMatchObject(pairs[0]!);
    expect(await request(c, 'subscribe', pairs[50])).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS' });
    expect(c.socket.connected).toBe(true);
    await request(c, 'unsubscribe', pairs[0]);
    expect(await request(c, 'subscribe', pairs[50])).toMatchObject(pairs[50]!);
  });
});

describe('connection state recovery', () => {
  it('gives a client of the recoverable namespace that dropped for a moment the events it missed', async () => {
    const c = await client(gateway(0), { reconnection: true, namespace: RECOVERABLE_NAMESPACE });
    await request(c, 'subscribe', { type: 'product', symbol: RECOVERY });
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(RECOVERY, 1));
    await waitFor(() => c.count('underlying_update') === 1);
    const id = c.socket.id ?? '';
    const sockets = gateway(0).server.io.of(RECOVERABLE_NAMESPACE).sockets;

    c.socket.io.engine.close();
    await waitFor(() => !sockets.has(id));
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(RECOVERY, 2));
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(RECOVERY, 3));
    await waitFor(() => c.socket.connected && c.count('underlying_update') === 3, 10_000);
    await sleep(SETTLE_MS);

    expect(c.socket.recovered).toBe(true);
    expect(c.socket.id).toBe(id);
    expect(c.payloads('underlying_update').map((t) => (t as { tick_id: number }).tick_id)).toEqual([1, 2, 3]);
    // The room came back with the session: live updates keep flowing.
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(RECOVERY, 4));
    await waitFor(() => c.count('underlying_update') === 4);
  });

  it('does not recover a client of the default namespace: it connects afresh', async () => {
    const c = await client(gateway(0), { reconnection: true });
    await request(c, 'subscribe', { type: 'product', symbol: RECOVERY });
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(RECOVERY, 5));
    await waitFor(() => c.count('underlying_update') === 1);
    const id = c.socket.id ?? '';
    const sockets = gateway(0).server.io.of('/').sockets;

    c.socket.io.engine.close();
    await waitFor(() => !sockets.has(id));
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(RECOVERY, 6));
    await waitFor(() => c.socket.connected && c.count('connected') === 2, 10_000);
    await sleep(SETTLE_MS);

    expect(c.socket.recovered).toBe(false);
    expect(c.socket.id).not.toBe(id);
    // Back in `general` only: the tick published while away is gone, the subscription with it.
    expect(c.payloads('connected')[1]).toMatchObject({ rooms: ['general'] });
    expect(c.payloads('underlying_update').map((t) => (t as { tick_id: number }).tick_id)).toEqual([5]);
  });
});

describe('operations endpoints', () => {
  it('serves /health, /ready and /metrics on the Socket.IO port', async () => {
    for (const path of ['/health', '/ready']) {
      const response = await fetch(`${gateway(0).url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
    const metrics = await (await fetch(`${gateway(0).url}/metrics`)).text();
    for (const name of Object.values(METRIC_NAMES).filter((n) => n.includes('_realtime_'))) {
      expect(metrics).toContain(name);
    }
    expect(metrics).toMatch(/deltastream_realtime_connected_clients \d+/);
    expect(metrics).toMatch(/deltastream_realtime_messages_sent_total\{event="underlying_update"\} \d+/);
    expect((await fetch(`${gateway(0).url}/nope`)).status).toBe(404);
  });

  it('is unready, but alive, when Redis does not answer', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1', 'command', {
      prefix: REDIS_PREFIX,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    deadRedis.on('error', () => {});
    const g = await startGateway({ products, redis: deadRedis });
    try {
      expect((await fetch(`${g.url}/health`)).status).toBe(200);
      expect((await fetch(`${g.url}/ready`)).status).toBe(503);
    } finally {
      await g.close();
      deadRedis.disconnect();
    }
  });
});
