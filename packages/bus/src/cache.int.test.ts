import { afterAll, describe, expect, it } from 'vitest';
import type { EnrichedChain, EnrichedUnderlying } from '@deltastream/core/schemas';
import {
  CACHE_KEYS,
  cacheLatestChain,
  cacheAndPublishTicks,
  getCachedExpiries,
  getLatestChain,
  getLatestChainPayloadIfChanged,
  getLatestChains,
  getLatestPcr,
  getLatestUnderlying,
  sessionOpenPrice,
} from './cache';
import { CHANNELS } from './channels';
import { channelName, createRedis, scanKeys } from './redis';
import { deleteNamespace, testRedisPrefix } from './testing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = testRedisPrefix('cache');
const redis = createRedis(REDIS_URL, 'command', { prefix });
const product = `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
afterAll(async () => {
  await deleteNamespace(redis);
  redis.disconnect();
});

const ts = '2026-11-24T09:15:00.000Z';

function chain(expiry: string, seq: number, pcr: number): EnrichedChain {
  return {
    product,
    expiry,
    spot_price: 100,
    strikes: [100],
    calls: [],
    puts: [],
    timestamp: ts,
    seq,
    time_to_expiry_years: 0.01,
    conventions: { model: 'black-scholes-merton', rate: 0.05, dividend_yield: 0, day_count: 'ACT/365' },
    change_base: 'previous_close',
    processed_at: ts,
    pcr_oi: pcr,
    pcr_volume: null,
    atm_strike: 100,
    atm_straddle_price: 4,
    implied_move: 4,
    implied_move_pct: 4,
    atm_iv: 0.2,
    max_pain_strike: 100,
    total_call_oi: 10,
    total_put_oi: 12,
    total_call_volume: 0,
    total_put_volume: 0,
    call_buildup_otm: 0,
    put_buildup_otm: 0,
    gamma_exposure: { net_gamma_exposure: 0, call_wall: null, put_wall: null, gamma_flip: null },
  };
}

describe('latest-data cache (real Redis)', () => {
  it('keeps the newest chain whatever order writes arrive in, with a TTL', async () => {
    expect(await cacheLatestChain(redis, chain('2026-11-26', 5, 1.5))).toBe(true);
    expect(await cacheLatestChain(redis, chain('2026-11-26', 4, 0.5))).toBe(false);
    expect(await cacheLatestChain(redis, chain('2026-11-26', 5, 0.7))).toBe(false);
    expect((await getLatestChain(redis, product, '2026-11-26'))?.pcr_oi).toBe(1.5);
    expect(await getLatestPcr(redis, product, '2026-11-26')).toEqual({
      pcr_oi: 1.5,
      pcr_volume: null,
      total_call_oi: 10,
      total_put_oi: 12,
      timestamp: ts,
      seq: 5,
    });
    const ttl = await redis.ttl(CACHE_KEYS.latestChain(product, '2026-11-26'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('indexes live expiries and drops past ones from reads', async () => {
    await cacheLatestChain(redis, chain('2026-12-03', 1, 1));
    await cacheLatestChain(redis, chain('2026-11-19', 1, 1));
    expect(await getCachedExpiries(redis, product, '2026-11-24')).toEqual(['2026-11-26', '2026-12-03']);
    expect((await getLatestChains(redis, product, '2026-11-24')).map((c) => c.expiry)).toEqual([
      '2026-11-26',
      '2026-12-03',
    ]);
  });

  it('sends a chain payload only when its seq differs from the one the reader holds', async () => {
    const expiry = '2026-12-17';
    expect(await getLatestChainPayloadIfChanged(redis, product, expiry, null)).toBeNull();
    await cacheLatestChain(redis, chain(expiry, 7, 1));
    expect(await getLatestChainPayloadIfChanged(redis, product, expiry, null)).toEqual({
      seq: 7,
      payload: JSON.stringify(chain(expiry, 7, 1)),
    });
    expect(await getLatestChainPayloadIfChanged(redis, product, expiry, 7)).toEqual({
      seq: 7,
      payload: null,
    });
    await cacheLatestChain(redis, chain(expiry, 8, 1.2));
    expect(await getLatestChainPayloadIfChanged(redis, product, expiry, 7)).toEqual({
      seq: 8,
      payload: JSON.stringify(chain(expiry, 8, 1.2)),
    });
  });

  it('caches the latest tick by tick id and the first price of the session', async () => {
    const tick = (tick_id: number, price: number): EnrichedUnderlying => ({
      type: 'UNDERLYING_ENRICHED',
      product,
      price,
      timestamp: ts,
      tick_id,
      change: 0,
      change_pct: 0,
      session_open: 100,
      processed_at: ts,
    });
    const channel = CHANNELS.enrichedUnderlying;
    const listener = createRedis(REDIS_URL, 'subscriber', { prefix });
    const received: number[] = [];
    listener.on('message', (_channel: string, message: string) => {
      const event = JSON.parse(message) as { product: string; tick_id: number };
      if (event.product === product) received.push(event.tick_id);
    });
    await listener.subscribe(channelName(listener, channel));
    await cacheAndPublishTicks(redis, [tick(2, 101), tick(3, 102)], channel);
    await cacheAndPublishTicks(redis, [tick(1, 99)], channel);
    await new Promise((resolve) => setTimeout(resolve, 100));
    listener.disconnect();
    expect(received).toEqual([2, 3, 1]);
    expect((await getLatestUnderlying(redis, product))?.price).toBe(102);
    expect(await sessionOpenPrice(redis, product, '2026-11-24', 100)).toBe(100);
    expect(await sessionOpenPrice(redis, product, '2026-11-24', 105)).toBe(100);
    expect(await getLatestUnderlying(redis, `${product}X`)).toBeNull();
  });
});

describe('namespaces (REDIS_PREFIX) on one Redis', () => {
  it('keep keys and channels of two deployments apart', async () => {
    const other = createRedis(REDIS_URL, 'command', { prefix: testRedisPrefix('cache-other') });
    const listeners = [prefix, testRedisPrefix('cache-other')].map((namespace) =>
      createRedis(REDIS_URL, 'subscriber', { prefix: namespace }),
    );
    const heard = listeners.map(() => [] as number[]);
    try {
      await Promise.all(
        listeners.map(async (listener, i) => {
          listener.on('message', (_channel: string, message: string) =>
            heard[i]!.push((JSON.parse(message) as { tick_id: number }).tick_id),
          );
          await listener.subscribe(channelName(listener, CHANNELS.enrichedUnderlying));
        }),
      );
      await cacheAndPublishTicks(
        redis,
        [
          {
            type: 'UNDERLYING_ENRICHED',
            product,
            price: 100,
            timestamp: ts,
            tick_id: 41,
            change: 0,
            change_pct: 0,
            session_open: 100,
            processed_at: ts,
          },
        ],
        CHANNELS.enrichedUnderlying,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual([[41], []]);
      expect((await getLatestUnderlying(redis, product))?.tick_id).toBe(41);
      expect(await getLatestUnderlying(other, product)).toBeNull();
      expect(await scanKeys(redis, `*${product}`)).toContain(CACHE_KEYS.latestUnderlying(product));
      expect(await scanKeys(other, `*${product}`)).toEqual([]);
    } finally {
      other.disconnect();
      for (const listener of listeners) listener.disconnect();
    }
  });
});
