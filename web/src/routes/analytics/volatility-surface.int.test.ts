import { beforeAll, describe, expect, it } from 'vitest';
import { ivSurface } from '@deltastream/core/analytics';
import { flatVolChain } from '@deltastream/core/testing';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { VolatilitySurfaceResponse } from '../../contracts/rest';
import {
  dateFromToday,
  enrichInOrder,
  storeChains,
  testProduct,
  useMarketTest,
} from '../../server/market-fixtures';
import { volatilitySurfaceRoute } from './volatility-surface';

const quiet = testProduct();
const { web, product, symbol, expectSameWithColdCache, productGet } = useMarketTest([testProduct(), quiet]);
const expiries = [dateFromToday(3), dateFromToday(10), dateFromToday(31)];
/** Each expiry priced at its own flat volatility, on its own strikes, the last one quoted last (spot 24,020). */
const terms = [
  { volatility: 0.14, strikes: [23_900, 24_000, 24_100], spot: 24_010 },
  { volatility: 0.15, strikes: [23_800, 23_900, 24_000, 24_100, 24_200], spot: 24_015 },
  { volatility: 0.17, strikes: [24_000, 24_100, 24_200, 24_300], spot: 24_020 },
];
let chains: EnrichedChain[];

beforeAll(async () => {
  const t0 = Date.now() - 10_000;
  chains = enrichInOrder(
    product,
    expiries.map((expiry, i) =>
      flatVolChain(product, {
        expiry,
        timestamp: new Date(t0 + i * 1_000).toISOString(),
        seq: 1,
        ...terms[i]!,
      }),
    ),
  );
  // Cached far expiry first: the order of arrival must not matter.
  await storeChains(web, [...chains].reverse());
});

const get = productGet<VolatilitySurfaceResponse>(volatilitySurfaceRoute);

describe('GET /api/analytics/volatility-surface/{product}', () => {
  it('grids OTM IV over every live expiry and strike at the newest spot, null where unquoted', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    const allStrikes = [23_800, 23_900, 24_000, 24_100, 24_200, 24_300];
    expect(body).toMatchObject({
      product: symbol,
      timestamp: chains[2]!.timestamp,
      spot: 24_020,
      expiries,
      strikes: allStrikes,
    });
    expect(body.moneyness).toEqual(allStrikes.map((strike) => strike / 24_020));
    body.iv.forEach((row, e) => {
      row.forEach((iv, k) => {
        if (terms[e]!.strikes.includes(allStrikes[k]!))
          expect(iv, `${e}/${k}`).toBeCloseTo(terms[e]!.volatility, 9);
        else expect(iv, `${e}/${k}`).toBeNull();
      });
    });
    body.atm_iv.forEach((iv, e) => expect(iv).toBeCloseTo(terms[e]!.volatility, 9));
    const { spot, expiries: coreExpiries, strikes, moneyness, iv } = ivSurface(chains, 24_020);
    expect(body).toEqual({
      product: symbol,
      timestamp: chains[2]!.timestamp,
      spot,
      expiries: coreExpiries,
      strikes,
      moneyness,
      iv,
      atm_iv: chains.map((chain) => chain.atm_iv),
    });
  });

  it('answers the same from PostgreSQL with a cold cache', async () => {
    await expectSameWithColdCache(chains, async () => (await get()).body);
  });

  it('404s a product without live chains (naming expiry) and an unknown product', async () => {
    expect((await get({}, quiet.symbol)).body).toMatchObject({
      error: { code: 'NOT_FOUND', field: 'expiry' },
    });
    expect((await get({}, 'NOSUCH')).body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
  });
});
