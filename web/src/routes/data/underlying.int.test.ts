import { beforeAll, describe, expect, it } from 'vitest';
import { cacheAndPublishTicks } from '@deltastream/bus/cache';
import { CHANNELS } from '@deltastream/bus/channels';
import type { EnrichedUnderlying, UnderlyingTick } from '@deltastream/core/schemas';
import { insertTicks } from '@deltastream/db/queries';
import type { UnderlyingResponse } from '../../contracts/rest';
import {
  clearCache,
  expectFieldErrors,
  testProduct,
  uniqueSymbol,
  useMarketTest,
} from '../../server/market-fixtures';
import { underlyingRoute } from './underlying';

const symbol = uniqueSymbol();
const { web, productGet } = useMarketTest([testProduct(symbol)]);

const t0 = Date.parse('2026-11-23T04:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
/** Ten ticks a second apart, stored out of order as batches may arrive. */
const ticks: UnderlyingTick[] = Array.from({ length: 10 }, (_, i) => ({
  type: 'UNDERLYING',
  product: symbol,
  tick_id: i + 1,
  timestamp: at(i),
  price: 24_000 + i * 0.5,
  ...(i % 2 === 0 ? { volume: 10 * i } : {}),
}));
const newest: EnrichedUnderlying = {
  ...ticks[9]!,
  type: 'UNDERLYING_ENRICHED',
  change: 4.5,
  change_pct: (100 * 4.5) / 24_000,
  session_open: 24_000,
  processed_at: at(9.01),
};

beforeAll(async () => {
  await insertTicks(web.ctx.db, [...ticks.slice(5), ...ticks.slice(0, 5)]);
  await cacheAndPublishTicks(web.ctx.redis, [newest], CHANNELS.enrichedUnderlying);
});

const get = productGet<UnderlyingResponse>(underlyingRoute);

describe('GET /api/data/underlying/{product}', () => {
  it('serves the latest ticks oldest first and the cached enriched tick', async () => {
    const response = await get({ limit: '3' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ product: symbol, latest: newest, count: 3, ticks: ticks.slice(7) });
    expect((await get()).body.ticks).toEqual(ticks);
  });

  it('takes [start, end) as ISO-8601 or epoch milliseconds', async () => {
    const iso = await get({ start: at(2), end: at(5) });
    expect(iso.body.ticks).toEqual(ticks.slice(2, 5));
    const epoch = await get({ start: String(t0 + 2000), end: String(t0 + 5000), limit: '2' });
    expect(epoch.body.ticks).toEqual(ticks.slice(3, 5));
  });

  it('serves the same ticks from PostgreSQL with a cold cache, without a latest tick', async () => {
    await clearCache(web, symbol);
    try {
      expect((await get({ limit: '4' })).body).toEqual({
        product: symbol,
        latest: null,
        count: 4,
        ticks: ticks.slice(6),
      });
    } finally {
      await cacheAndPublishTicks(web.ctx.redis, [newest], CHANNELS.enrichedUnderlying);
    }
  });

  it('400s a limit over 5000, a bad instant and an empty range, naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ limit: '5001' }, 'limit'],
      [{ limit: '-1' }, 'limit'],
      [{ start: 'yesterday' }, 'start'],
      [{ start: at(5), end: at(5) }, 'end'],
    ];
    await expectFieldErrors(get, cases);
    expect((await get({ limit: '5000' })).body.count).toBe(10);
  });

  it.each([
    ['end', '1e400'],
    ['end', 'Infinity'],
    ['start', '-1'],
    ['start', '8640000000000001'],
    ['end', '99999999999999999999'],
    ['end', '275761-01-01T00:00:00Z'],
    ['end', '+275761-01-01T00:00:00.000Z'],
    ['start', '10000-01-01T00:00:00Z'],
    ['start', '2026-02-31T00:00:00Z'],
  ])('400s %s=%s, an instant past any calendar, naming the field', async (field, value) => {
    const response = await get({ [field]: value });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field } });
  });

  it('takes the last instant it represents, 9999-12-31T23:59:59.999Z', async () => {
    const response = await get({ end: String(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) });
    expect(response.status).toBe(200);
    expect(response.body.ticks).toEqual(ticks);
  });

  it('404s an unknown product', async () => {
    const response = await get({}, 'NOSUCH');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
  });
});
