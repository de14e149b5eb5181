import { beforeAll, describe, expect, it } from 'vitest';
import { optionPremium, otmBuildup } from '@deltastream/core/analytics';
import { flatVolChain } from '@deltastream/core/testing';
import type { EnrichedChain, OptionChain } from '@deltastream/core/schemas';
import type { OiBuildupResponse } from '../../contracts/rest';
import { dateFromToday, useMarketTest } from '../../server/market-fixtures';
import { oiBuildupRoute } from './oi-buildup';

const { product, symbol, enrichAndStore, expectSameWithColdCache, productGet } = useMarketTest();
const expiry = dateFromToday(6);
let before: OptionChain;
let after: OptionChain;
let chains: EnrichedChain[];

// Between the snapshots spot rises 24,000 → 24,050, so calls gain and puts lose premium, while OI moves:
// call 24,000 +200 (long build-up), call 24,100 −100 (short covering), put 23,900 +300 (short build-up),
// put 24,000 −200 (long unwinding); the rest stays (neutral).
const OI_AFTER: Record<string, number> = {
  'CALL:24000': 1_200,
  'CALL:24100': 900,
  'PUT:23900': 1_300,
  'PUT:24000': 800,
};

beforeAll(async () => {
  const strikes = [23_900, 24_000, 24_100];
  const t0 = Date.now() - 60_000;
  before = flatVolChain(product, {
    expiry,
    timestamp: new Date(t0).toISOString(),
    seq: 1,
    spot: 24_000,
    volatility: 0.15,
    strikes,
  });
  after = flatVolChain(product, {
    expiry,
    timestamp: new Date(t0 + 30_000).toISOString(),
    seq: 2,
    spot: 24_050,
    volatility: 0.15,
    strikes,
    oi: (strike, type) => OI_AFTER[`${type}:${strike}`] ?? 1_000,
  });
  chains = await enrichAndStore([before, { ...after, prev_seq: 1 }]);
});

const get = productGet<OiBuildupResponse>(oiBuildupRoute);

/** The premium's change (mid, else last) from the session's first snapshot, the base of a fresh start. */
const priceChange = (type: 'calls' | 'puts', i: number) =>
  optionPremium(after[type][i]!) - optionPremium(before[type][i]!);

describe('GET /api/analytics/oi-buildup/{product}', () => {
  // Nothing of the product was stored before: both snapshots are of the first session after a fresh
  // start, so the changes run from its first snapshot (or, past local midnight, from that snapshot as
  // the previous close: the same numbers).
  it('classifies each strike’s OI and premium change against the session’s base', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const side = (
      open_interest: number,
      oi_change: number,
      type: 'calls' | 'puts',
      i: number,
      buildup: string,
    ) => ({
      open_interest,
      oi_change,
      price_change: priceChange(type, i),
      buildup,
    });
    expect(response.body).toEqual({
      product: symbol,
      expiry,
      timestamp: after.timestamp,
      spot_price: 24_050,
      strikes: [
        {
          strike: 23_900,
          call: side(1_000, 0, 'calls', 0, 'NEUTRAL'),
          put: side(1_300, 300, 'puts', 0, 'SHORT_BUILDUP'),
        },
        {
          strike: 24_000,
          call: side(1_200, 200, 'calls', 1, 'LONG_BUILDUP'),
          put: side(800, -200, 'puts', 1, 'LONG_UNWINDING'),
        },
        {
          strike: 24_100,
          call: side(900, -100, 'calls', 2, 'SHORT_COVERING'),
          put: side(1_000, 0, 'puts', 2, 'NEUTRAL'),
        },
      ],
      // OI above spot in calls (24,100) and below it in puts (23,900 and 24,000).
      call_buildup_otm: 900,
      put_buildup_otm: 2_100,
      counts: {
        call: { LONG_BUILDUP: 1, SHORT_BUILDUP: 0, SHORT_COVERING: 1, LONG_UNWINDING: 0, NEUTRAL: 1 },
        put: { LONG_BUILDUP: 0, SHORT_BUILDUP: 1, SHORT_COVERING: 0, LONG_UNWINDING: 1, NEUTRAL: 1 },
      },
    });
    expect(priceChange('calls', 1)).toBeGreaterThan(0);
    expect(priceChange('puts', 1)).toBeLessThan(0);
    expect(otmBuildup(after.calls, after.puts, after.spot_price)).toEqual({
      call_buildup_otm: 900,
      put_buildup_otm: 2_100,
    });
  });

  it('answers the same from PostgreSQL with a cold cache', async () => {
    await expectSameWithColdCache(chains, async () => (await get({ expiry })).body);
  });

  it('404s an unknown product and an expiry without data; 400s a malformed expiry', async () => {
    expect((await get({}, 'NOSUCH')).status).toBe(404);
    expect((await get({ expiry: dateFromToday(30) })).body).toMatchObject({
      error: { code: 'NOT_FOUND', field: 'expiry' },
    });
    expect((await get({ expiry: '24-11-2026' })).body).toMatchObject({
      error: { code: 'VALIDATION_ERROR', field: 'expiry' },
    });
  });
});
