import { beforeAll, describe, expect, it } from 'vitest';
import type { UnderlyingTick } from '@deltastream/core/schemas';
import { insertTicks } from '@deltastream/db/queries';
import type { WindowOhlcResponse } from '../../contracts/rest';
import { testProduct, uniqueSymbol, useMarketTest } from '../../server/market-fixtures';
import { windowOhlcRoute } from './ohlc';

const symbol = uniqueSymbol();
/** A product without ticks. */
const quiet = uniqueSymbol();
const { web, productGet } = useMarketTest([testProduct(symbol), testProduct(quiet)]);
let now: number;

/** A tick `secondsAgo` before the test started, at `price`. */
const tick = (tickId: number, secondsAgo: number, price: number): UnderlyingTick => ({
  type: 'UNDERLYING',
  product: symbol,
  tick_id: tickId,
  timestamp: new Date(now - secondsAgo * 1000).toISOString(),
  price,
});
let ticks: UnderlyingTick[];

beforeAll(async () => {
  now = Date.now();
  ticks = [
    tick(1, 14 * 60, 24_010),
    tick(2, 10 * 60, 24_300),
    tick(3, 4 * 60 + 30, 24_050),
    tick(4, 3 * 60, 24_120),
    tick(5, 2 * 60, 23_980),
    tick(6, 30, 24_060),
  ];
  await insertTicks(web.ctx.db, [...ticks].reverse());
});

const get = productGet<WindowOhlcResponse>(windowOhlcRoute);

describe('GET /api/analytics/ohlc/{product}', () => {
  it('answers the original API’s bar over the last 5 minutes by default: ticks 3 to 6', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      product: symbol,
      window_minutes: 5,
      open: 24_050,
      high: 24_120,
      low: 23_980,
      close: 24_060,
      start_time: ticks[2]!.timestamp,
      end_time: ticks[5]!.timestamp,
      num_ticks: 4,
    });
  });

  it('takes the window in minutes, as the original’s 1 and 15 did', async () => {
    expect((await get({ window: '1' })).body).toMatchObject({
      window_minutes: 1,
      open: 24_060,
      high: 24_060,
      low: 24_060,
      close: 24_060,
      num_ticks: 1,
    });
    expect((await get({ window: '15' })).body).toMatchObject({
      open: 24_010,
      high: 24_300,
      low: 23_980,
      close: 24_060,
      start_time: ticks[0]!.timestamp,
      num_ticks: 6,
    });
  });

  it('404s a window without ticks and an unknown product; 400s a window that is not 1–60 whole minutes', async () => {
    const empty = await get({}, quiet);
    expect(empty.status).toBe(404);
    expect(empty.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'window' } });
    expect((await get({}, 'NOSUCH')).status).toBe(404);
    for (const window of ['0', '61', '5m', '2.5']) {
      const response = await get({ window });
      expect(response.status, window).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field: 'window' } });
    }
  });
});
