import { beforeAll, describe, expect, it } from 'vitest';
import { insertChainSnapshots } from '@deltastream/db/queries';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { ExpiriesResponse } from '../../contracts/rest';
import { dateFromToday, enrichInOrder, testProduct, useMarketTest } from '../../server/market-fixtures';
import { flatVolChain } from '@deltastream/core/testing';
import { expiriesRoute } from './expiries';

const empty = testProduct();
const { web, product, symbol, enrichAndStore, expectSameWithColdCache, productGet } = useMarketTest([
  testProduct(),
  empty,
]);
const live = [dateFromToday(3), dateFromToday(10), dateFromToday(38)];
const expired = dateFromToday(-4);
let chains: EnrichedChain[];

const chainFor = (expiry: string, timestamp: string) =>
  flatVolChain(product, {
    expiry,
    timestamp,
    seq: 1,
    spot: 24_010,
    volatility: 0.15,
    strikes: [23_950, 24_000, 24_050],
  });

beforeAll(async () => {
  const now = new Date().toISOString();
  // Stored out of order; an expired series stays in PostgreSQL's history.
  chains = await enrichAndStore([live[1]!, live[0]!, live[2]!].map((e) => chainFor(e, now)));
  await insertChainSnapshots(
    web.ctx.db,
    enrichInOrder(product, [chainFor(expired, new Date(Date.now() - 6 * 86_400_000).toISOString())]),
  );
});

const get = productGet<ExpiriesResponse>(expiriesRoute);

describe('GET /api/data/expiries/{product}', () => {
  it('lists the live expiries nearest first from the cache', async () => {
    expect((await get()).body).toEqual({ product: symbol, expiries: live });
  });

  it('lists the same from PostgreSQL with a cold cache, leaving out expired series', async () => {
    const fromDatabase = await expectSameWithColdCache(chains, async () => (await get()).body);
    expect(fromDatabase).toEqual({ product: symbol, expiries: live });
  });

  it('answers an empty list for a product without chains, and 404 for an unknown one', async () => {
    expect((await get({}, empty.symbol)).body).toEqual({ product: empty.symbol, expiries: [] });
    const unknown = await get({}, 'NOSUCH');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
  });
});
