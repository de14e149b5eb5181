import { beforeAll, describe, expect, it } from 'vitest';
import { cacheLatestChain, CACHE_KEYS } from '@deltastream/bus/cache';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { ChainResponse } from '../../contracts/rest';
import { clearCache, simulatedChains, storeChains, useMarketTest } from '../../server/market-fixtures';
import { chainRoute } from './chain';

const { web, product, symbol, expectSameWithColdCache, productGet } = useMarketTest();
/** Two snapshots of every live expiry, as the simulator and the worker's enrichment make them. */
let chains: EnrichedChain[];
/** The newest snapshot of each expiry, nearest expiry first. */
let latest: EnrichedChain[];

beforeAll(async () => {
  chains = simulatedChains(product, 2);
  await storeChains(web, chains);
  const byExpiry = new Map(chains.map((chain) => [chain.expiry, chain]));
  latest = [...byExpiry.values()].sort((a, b) => (a.expiry < b.expiry ? -1 : 1));
});

const get = productGet<ChainResponse>(chainRoute);

describe('GET /api/data/chain/{product}', () => {
  it('has realistic chains to serve: several expiries, two snapshots each', () => {
    expect(latest.length).toBeGreaterThanOrEqual(3);
    expect(chains).toHaveLength(2 * latest.length);
    expect(latest[0]!.calls.length).toBe(41);
  });

  it('serves the nearest expiry’s latest chain by default, as the text the worker cached', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ product: symbol, expiry: null, count: 1, chains: [latest[0]] });
    const cached = await web.ctx.redis.hget(CACHE_KEYS.latestChain(symbol, latest[0]!.expiry), 'payload');
    expect(response.text).toBe(`{"product":"${symbol}","expiry":null,"count":1,"chains":[${cached}]}`);
  });

  it('serves the nearest `limit` expiries, nearest first, and any case of the symbol', async () => {
    const response = await get({ limit: '3' }, symbol.toLowerCase());
    expect(response.status).toBe(200);
    expect(response.body.chains.map((chain) => chain.expiry)).toEqual(
      latest.slice(0, 3).map((c) => c.expiry),
    );
    expect(response.body.chains).toEqual(latest.slice(0, 3));
    expect(response.body.count).toBe(3);
  });

  it('serves one expiry: its latest snapshot, or its newest `limit` snapshots newest first', async () => {
    const expiry = latest[1]!.expiry;
    const one = await get({ expiry });
    expect(one.body).toEqual({ product: symbol, expiry, count: 1, chains: [latest[1]] });
    const two = await get({ expiry, limit: '5' });
    const snapshots = chains.filter((chain) => chain.expiry === expiry).reverse();
    expect(two.body).toEqual({ product: symbol, expiry, count: 2, chains: snapshots });
    expect(snapshots[0]!.seq).toBeGreaterThan(snapshots[1]!.seq);
  });

  it('skips an expiry whose chain left the cache while the index still lists it', async () => {
    const key = CACHE_KEYS.latestChain(symbol, latest[0]!.expiry);
    const payload = await web.ctx.redis.hget(key, 'payload');
    await web.ctx.redis.del(key);
    try {
      const response = await get({ limit: '2' });
      expect(response.body.chains.map((chain) => chain.expiry)).toEqual([
        latest[1]!.expiry,
        latest[2]!.expiry,
      ]);
    } finally {
      await web.ctx.redis.hset(key, 'seq', latest[0]!.seq, 'payload', payload!);
    }
  });

  it('serves a newer snapshot as soon as it is cached, whichever way the chain is asked for', async () => {
    const asked = () => Promise.all([get(), get({ limit: '3' }), get({ expiry: latest[0]!.expiry })]);
    const before = await asked();
    expect((await asked()).map((r) => r.body)).toEqual(before.map((r) => r.body));
    const newer: EnrichedChain = {
      ...latest[0]!,
      seq: latest[0]!.seq + 100,
      spot_price: latest[0]!.spot_price + 1,
    };
    await cacheLatestChain(web.ctx.redis, newer);
    try {
      const after = await asked();
      expect(after[0]!.body.chains).toEqual([newer]);
      expect(after[1]!.body.chains).toEqual([newer, ...latest.slice(1, 3)]);
      expect(after[2]!.body.chains).toEqual([newer]);
    } finally {
      await clearCache(web, symbol);
      await storeChains(web, chains);
    }
  });

  it('answers the same from PostgreSQL when the cache is empty', async () => {
    const fromDatabase = await expectSameWithColdCache(chains, async () =>
      (await Promise.all([get(), get({ limit: '20' }), get({ expiry: latest[2]!.expiry })])).map(
        (r) => r.body,
      ),
    );
    expect(fromDatabase[1]!.count).toBe(latest.length);
  });

  it('404s an unknown product and an expiry without data, naming the field', async () => {
    const unknown = await get({}, 'NOSUCHPRODUCT');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
    const noData = await get({ expiry: '2031-01-07' });
    expect(noData.status).toBe(404);
    expect(noData.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'expiry' } });
  });

  it('400s a malformed expiry and a limit outside 1..20, naming the field', async () => {
    const queries: Record<string, string>[] = [
      { expiry: '2026-13-01' },
      { expiry: 'soon' },
      { limit: '21' },
      { limit: '0' },
      { limit: 'x' },
    ];
    for (const query of queries) {
      const response = await get(query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: 'VALIDATION_ERROR', field: Object.keys(query)[0] },
      });
    }
    const capped = await get({ limit: '20' });
    expect(capped.status).toBe(200);
  });
});
