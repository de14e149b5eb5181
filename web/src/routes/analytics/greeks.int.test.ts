import { beforeAll, describe, expect, it } from 'vitest';
import { priceOption } from '@deltastream/core/pricing';
import { flatVolChain } from '@deltastream/core/testing';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { GreeksResponse } from '../../contracts/rest';
import { dateFromToday, useMarketTest } from '../../server/market-fixtures';
import { greeksRoute } from './greeks';

const { product, symbol, enrichAndStore, expectSameWithColdCache, productGet } = useMarketTest();
const expiry = dateFromToday(9);
const VOLATILITY = 0.16;
const SPOT = 24_010;
const strikes = [23_800, 23_900, 24_000, 24_100, 24_200];
let chain: EnrichedChain;
const timestamp = new Date(Date.now() - 1_000).toISOString();

beforeAll(async () => {
  const quoted = flatVolChain(product, {
    expiry,
    timestamp,
    seq: 1,
    spot: SPOT,
    volatility: VOLATILITY,
    strikes,
  });
  // The 24,200 put is not quoted: its row shows a call and no put.
  quoted.puts = quoted.puts.filter((put) => put.strike !== 24_200);
  [chain] = (await enrichAndStore([quoted])) as [EnrichedChain];
});

const get = productGet<GreeksResponse>(greeksRoute);

describe('GET /api/analytics/greeks/{product}', () => {
  it('serves IV solved back to the quoted volatility and the Greeks packages/core prices at it', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    // 15:30 in Kolkata is 10:00 UTC; ACT/365.
    const timeYears = (Date.parse(`${expiry}T10:00:00Z`) - Date.parse(timestamp)) / (365 * 86_400_000);
    expect(body.time_to_expiry_years).toBeCloseTo(timeYears, 12);
    expect(body).toMatchObject({
      product: symbol,
      expiry,
      timestamp,
      spot_price: SPOT,
      conventions: product.conventions,
    });
    expect(body.strikes.map((row) => row.strike)).toEqual(strikes);
    const { rate, dividend_yield: dividendYield } = product.conventions;
    for (const row of body.strikes) {
      for (const [type, greeks] of [
        ['CALL', row.call],
        ['PUT', row.put],
      ] as const) {
        if (row.strike === 24_200 && type === 'PUT') {
          expect(greeks).toBeNull();
          continue;
        }
        const reference = priceOption({
          model: 'black-scholes-merton',
          optionType: type,
          underlying: SPOT,
          strike: row.strike,
          timeYears,
          volatility: VOLATILITY,
          rate,
          dividendYield,
        });
        expect(greeks!.iv).toBeCloseTo(VOLATILITY, 9);
        expect(greeks!.delta).toBeCloseTo(reference.delta, 8);
        expect(greeks!.gamma).toBeCloseTo(reference.gamma, 10);
        expect(greeks!.vega).toBeCloseTo(reference.vegaPerPct, 6);
        expect(greeks!.theta).toBeCloseTo(reference.thetaPerDay, 6);
        expect(greeks!.rho).toBeCloseTo(reference.rhoPerPct, 6);
      }
      if (row.put)
        expect(row.call!.delta! - row.put.delta!).toBeCloseTo(Math.exp(-dividendYield * timeYears), 9);
    }
  });

  it('answers the same from PostgreSQL with a cold cache', async () => {
    await expectSameWithColdCache([chain], async () => (await get({ expiry })).body);
  });

  it('404s an unknown product and an expiry without data; 400s a malformed expiry', async () => {
    expect((await get({}, 'NOSUCH')).body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
    expect((await get({ expiry: dateFromToday(30) })).status).toBe(404);
    expect((await get({ expiry: '2026-1-5' })).body).toMatchObject({
      error: { code: 'VALIDATION_ERROR', field: 'expiry' },
    });
  });
});
