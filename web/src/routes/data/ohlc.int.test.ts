import { beforeAll, describe, expect, it } from 'vitest';
import { upsertCandles } from '@deltastream/db/queries';
import { makeCandle } from '@deltastream/db/testing';
import type { OhlcResponse } from '../../contracts/rest';
import { expectFieldErrors, testProduct, uniqueSymbol, useMarketTest } from '../../server/market-fixtures';
import { ohlcRoute } from './ohlc';

// Candles live only in PostgreSQL (the worker stores 1-minute bars; there is no cached copy to fall back from).
const symbol = uniqueSymbol();
const newYork = uniqueSymbol();
const { web, productGet } = useMarketTest([
  testProduct(symbol),
  testProduct(newYork, { time_zone: 'America/New_York' }),
]);

// 09:14 to 09:31 in Kolkata (UTC+5:30), then 00:01 the next local day.
const minutes = [
  makeCandle(symbol, '2026-03-02T03:44:00.000Z', [100, 101, 99, 100], 10, 1),
  makeCandle(symbol, '2026-03-02T03:45:00.000Z', [100, 102, 98, 101], 20, 2),
  makeCandle(symbol, '2026-03-02T03:59:00.000Z', [101, 105, 100, 104], 5, 1),
  makeCandle(symbol, '2026-03-02T04:00:00.000Z', [104, 104, 103, 103], 1, 1),
  makeCandle(symbol, '2026-03-02T04:01:00.000Z', [103, 106, 103, 106], 4, 2),
  makeCandle(symbol, '2026-03-02T18:31:00.000Z', [110, 111, 109, 110], 2, 1),
];

beforeAll(async () => {
  await upsertCandles(web.ctx.db, minutes);
  // Either side of New York's spring-forward (2026-03-08): local midnight is 05:00Z, then 04:00Z.
  await upsertCandles(web.ctx.db, [
    makeCandle(newYork, '2026-03-06T14:31:00.000Z', [230, 231, 229, 230], 1, 1),
    makeCandle(newYork, '2026-03-09T13:31:00.000Z', [232, 233, 231, 232], 1, 1),
  ]);
});

const get = productGet<OhlcResponse>(ohlcRoute);

describe('GET /api/data/ohlc/{product}', () => {
  it('serves the stored 1-minute bars by default, the latest `limit` oldest first', async () => {
    expect((await get({})).body).toEqual({ product: symbol, interval: '1m', candles: minutes });
    expect((await get({ limit: '2' })).body.candles).toEqual(minutes.slice(4));
  });

  it('rolls 1-minute bars up on the exchange clock: quarter hours from 09:15, days from local midnight', async () => {
    expect((await get({ interval: '15m' })).body.candles).toEqual([
      makeCandle(symbol, '2026-03-02T03:30:00.000Z', [100, 101, 99, 100], 10, 1, 900),
      makeCandle(symbol, '2026-03-02T03:45:00.000Z', [100, 105, 98, 104], 25, 3, 900),
      makeCandle(symbol, '2026-03-02T04:00:00.000Z', [104, 106, 103, 106], 5, 3, 900),
      makeCandle(symbol, '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 900),
    ]);
    expect((await get({ interval: '1h' })).body.candles).toEqual([
      makeCandle(symbol, '2026-03-02T03:30:00.000Z', [100, 106, 98, 106], 40, 7, 3600),
      makeCandle(symbol, '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 3600),
    ]);
    expect((await get({ interval: '1d' })).body.candles).toEqual([
      makeCandle(symbol, '2026-03-01T18:30:00.000Z', [100, 106, 98, 106], 40, 7, 86_400),
      makeCandle(symbol, '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 86_400),
    ]);
    const days = await get({ interval: '1d' }, newYork);
    expect(days.body.candles.map((c) => c.bucket_start)).toEqual([
      '2026-03-06T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
  });

  it('keeps whole bars in [start, end) and caps them at `limit`', async () => {
    const window = await get({
      interval: '15m',
      start: '2026-03-02T03:40:00Z',
      end: String(Date.parse('2026-03-02T04:00:00Z')),
    });
    expect(window.body.candles).toEqual([
      makeCandle(symbol, '2026-03-02T03:45:00.000Z', [100, 105, 98, 104], 25, 3, 900),
    ]);
    expect((await get({ interval: '5m', limit: '1' })).body.candles).toEqual([
      makeCandle(symbol, '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 300),
    ]);
  });

  it('400s an unknown interval, a limit over 5000 and an empty range, naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ interval: '2m' }, 'interval'],
      [{ limit: '5001' }, 'limit'],
      [{ end: '2026-03-02T00:00:00Z', start: '2026-03-03T00:00:00Z' }, 'end'],
    ];
    await expectFieldErrors(get, cases);
  });

  it('404s an unknown product', async () => {
    expect((await get({}, 'NOSUCH')).status).toBe(404);
  });
});
