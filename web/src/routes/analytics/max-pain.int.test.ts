import { beforeAll, describe, expect, it } from 'vitest';
import { maxPain } from '@deltastream/core/analytics';
import { flatVolChain } from '@deltastream/core/testing';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { MaxPainResponse } from '../../contracts/rest';
import { dateFromToday, useMarketTest } from '../../server/market-fixtures';
import { maxPainRoute } from './max-pain';

const { product, symbol, enrichAndStore, expectSameWithColdCache, productGet } = useMarketTest();
const near = dateFromToday(5);
const far = dateFromToday(12);
let nearChain: EnrichedChain;
let farChain: EnrichedChain;

// Open interest by strike: [call, put]. Worked by hand, the holders' payout at each settlement is
//   23,800: 0 + 740,000   23,900: 10,000 + 270,000   24,000: 40,000 + 50,000
//   24,100: 220,000 + 10,000   24,200: 700,000 + 0      → max pain 24,000 (90,000).
const NEAR_OI: Record<number, [number, number]> = {
  23_800: [100, 2_000],
  23_900: [200, 2_500],
  24_000: [1_500, 1_800],
  24_100: [3_000, 300],
  24_200: [2_500, 100],
};
const strikes = Object.keys(NEAR_OI).map(Number);

beforeAll(async () => {
  const timestamp = new Date().toISOString();
  const chain = (expiry: string, oi: (strike: number, type: 'CALL' | 'PUT') => number) =>
    flatVolChain(product, { expiry, timestamp, seq: 1, spot: 24_060, volatility: 0.15, strikes, oi });
  [nearChain, farChain] = (await enrichAndStore([
    chain(near, (strike, type) => NEAR_OI[strike]![type === 'CALL' ? 0 : 1]),
    chain(far, (strike) => (strike === 24_200 ? 5_000 : 1_000)),
  ])) as [EnrichedChain, EnrichedChain];
});

const get = productGet<MaxPainResponse>(maxPainRoute);

const expectedNear: MaxPainResponse = {
  product: symbol,
  expiry: near,
  timestamp: '',
  spot_price: 24_060,
  max_pain_strike: 24_000,
  distance_from_spot: -60,
  distance_pct: (100 * -60) / 24_060,
  // The sums of NEAR_OI's columns.
  total_call_oi: 7_300,
  total_put_oi: 6_700,
  payout_curve: {
    strikes,
    call_payout: [0, 10_000, 40_000, 220_000, 700_000],
    put_payout: [740_000, 270_000, 50_000, 10_000, 0],
    total_payout: [740_000, 280_000, 90_000, 230_000, 700_000],
  },
};

describe('GET /api/analytics/max-pain/{product}', () => {
  it('answers the nearest expiry by default, with the payout curve worked by hand', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...expectedNear, timestamp: nearChain.timestamp });
  });

  it('answers the expiry asked for, as packages/core computes it on the same quotes', async () => {
    const response = await get({ expiry: far });
    const core = maxPain(farChain.calls, farChain.puts);
    expect(response.body.max_pain_strike).toBe(core.max_pain_strike);
    expect(response.body.payout_curve).toEqual(core.payout_curve);
    expect(response.body.max_pain_strike).toBe(farChain.max_pain_strike);
    expect(response.body.expiry).toBe(far);
  });

  it('answers the same from PostgreSQL with a cold cache', async () => {
    await expectSameWithColdCache([nearChain, farChain], async () =>
      (await Promise.all([get(), get({ expiry: far })])).map((r) => r.body),
    );
  });

  it('404s an unknown product and an expiry without data; 400s a malformed expiry', async () => {
    expect((await get({}, 'NOSUCH')).body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
    const noData = await get({ expiry: dateFromToday(40) });
    expect(noData.status).toBe(404);
    expect(noData.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'expiry' } });
    const malformed = await get({ expiry: '2026-02-30' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field: 'expiry' } });
  });
});
