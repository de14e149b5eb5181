import { beforeAll, describe, expect, it } from 'vitest';
import { pcrByOpenInterest } from '@deltastream/core/analytics';
import { flatVolChain } from '@deltastream/core/testing';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { PcrResponse } from '../../contracts/rest';
import { dateFromToday, useMarketTest } from '../../server/market-fixtures';
import { pcrRoute } from './pcr';

const { product, symbol, enrichAndStore, expectSameWithColdCache, productGet } = useMarketTest();
const near = dateFromToday(4);
const far = dateFromToday(11);
const strikes = [23_900, 24_000, 24_100];
let chains: EnrichedChain[];
let nearSnapshots: EnrichedChain[];

// Snapshot n carries call OI 1,000 and put OI 1,000 + 100·n at every strike: PCR by OI = 1 + n/10.
// Volume is the same for a call and a put at a strike (the fixture's), so PCR by volume is exactly 1.
beforeAll(async () => {
  const t0 = Date.now() - 60_000;
  const snapshot = (expiry: string, n: number) =>
    flatVolChain(product, {
      expiry,
      timestamp: new Date(t0 + n * 1_000).toISOString(),
      seq: n,
      spot: 24_020,
      volatility: 0.15,
      strikes,
      oi: (_strike, type) => (type === 'CALL' ? 1_000 : 1_000 + 100 * n),
    });
  chains = await enrichAndStore([
    snapshot(near, 1),
    snapshot(far, 1),
    snapshot(near, 2),
    snapshot(near, 3),
    snapshot(far, 5),
  ]);
  nearSnapshots = chains.filter((chain) => chain.expiry === near);
});

const get = productGet<PcrResponse>(pcrRoute);

describe('GET /api/analytics/pcr/{product}', () => {
  it('serves every live expiry’s latest PCR, nearest first, and the nearest one’s trend, oldest first', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    const [first, second, third] = nearSnapshots as [EnrichedChain, EnrichedChain, EnrichedChain];
    const farLatest = chains.at(-1)!;
    expect(body).toEqual({
      product: symbol,
      expiry: near,
      latest: [
        {
          expiry: near,
          timestamp: third.timestamp,
          pcr_oi: 1.3,
          pcr_volume: 1,
          total_call_oi: 3_000,
          total_put_oi: 3_900,
        },
        {
          expiry: far,
          timestamp: farLatest.timestamp,
          pcr_oi: 1.5,
          pcr_volume: 1,
          total_call_oi: 3_000,
          total_put_oi: 4_500,
        },
      ],
      history: [
        { timestamp: first.timestamp, pcr_oi: 1.1, pcr_volume: 1 },
        { timestamp: second.timestamp, pcr_oi: 1.2, pcr_volume: 1 },
        { timestamp: third.timestamp, pcr_oi: 1.3, pcr_volume: 1 },
      ],
    });
    expect(body.latest[0]!.pcr_oi).toBe(pcrByOpenInterest(third.calls, third.puts));
  });

  it('takes the original API’s history=true (its 100 points) and history=false (none)', async () => {
    const all = await get({ history: 'true' });
    expect(all.status).toBe(200);
    expect(all.body.history.map((point) => point.pcr_oi)).toEqual([1.1, 1.2, 1.3]);
    expect(all.body.latest[0]).toMatchObject({ expiry: near, pcr_oi: 1.3 });
    const none = await get({ history: 'false' });
    expect(none.status).toBe(200);
    expect(none.body.history).toEqual([]);
    expect(none.body.latest).toEqual(all.body.latest);
    expect((await get({ history: '0' })).body.history).toEqual([]);
  });

  it('serves the expiry asked for and caps the trend at `history` points', async () => {
    const { body } = await get({ expiry: far, history: '1' });
    expect(body.expiry).toBe(far);
    expect(body.latest).toHaveLength(1);
    expect(body.latest[0]).toMatchObject({ expiry: far, pcr_oi: 1.5 });
    expect(body.history).toEqual([{ timestamp: body.latest[0]!.timestamp, pcr_oi: 1.5, pcr_volume: 1 }]);
    expect((await get({ history: '2' })).body.history.map((point) => point.pcr_oi)).toEqual([1.2, 1.3]);
  });

  it('answers the same from PostgreSQL with a cold cache', async () => {
    await expectSameWithColdCache(chains, async () =>
      (await Promise.all([get(), get({ expiry: far })])).map((r) => r.body),
    );
  });

  it('400s a history over 2000 or neither a number nor true/false, and a malformed expiry; 404s an expiry without data and an unknown product', async () => {
    for (const history of ['2001', '-1', 'yes', '1.5']) {
      expect((await get({ history })).body, history).toMatchObject({
        error: { code: 'VALIDATION_ERROR', field: 'history' },
      });
    }
    expect((await get({ expiry: 'next-week' })).body).toMatchObject({
      error: { code: 'VALIDATION_ERROR', field: 'expiry' },
    });
    const noData = await get({ expiry: dateFromToday(60) });
    expect(noData.status).toBe(404);
    expect(noData.body).toMatchObject({ error: { field: 'expiry' } });
    expect((await get({}, 'NOSUCH')).status).toBe(404);
    expect((await get({ history: '2000' })).status).toBe(200);
  });
});
