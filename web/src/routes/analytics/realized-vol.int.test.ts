import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, zonedDate } from '@deltastream/core/calendar';
import { closeToCloseVol, parkinsonVol } from '@deltastream/core/volatility';
import { insertDailyCandles, upsertIvPoints, type DailyCandleRow } from '@deltastream/db/queries';
import type { RealizedVolResponse } from '../../contracts/volatility-history';
import { expectFieldErrors, testProduct, uniqueSymbol, useMarketTest } from '../../server/market-fixtures';
import { RANGE_FIELD_ERRORS } from './range-query-cases';
import { realizedVolRoute } from './realized-vol';

// 25 settled days whose closes alternate between 100 and 100·e^0.01 (daily log returns ±1%) and whose
// highs and lows lie 1% either side of the close, then today's candle, still open, with a move that
// would swamp every window were it counted.
const symbol = uniqueSymbol();
const ivOnly = uniqueSymbol();
const empty = uniqueSymbol();
const today = zonedDate(Date.now(), 'Asia/Kolkata');
const dateOf = (i: number) => addCalendarDays(today, i - 25);
const candle = (i: number): DailyCandleRow => {
  const close = 100 * Math.exp(0.01 * (i % 2));
  return {
    product: symbol,
    date: dateOf(i),
    open: close,
    high: close * Math.exp(0.01),
    low: close * Math.exp(-0.01),
    close,
    volume: 0,
    source: i < 20 ? 'simulated' : 'live',
  };
};
const settled = Array.from({ length: 25 }, (_, i) => candle(i));
const openToday: DailyCandleRow = { ...candle(25), high: 210, low: 150, close: 200 };

/** N alternating ±1% returns: mean 0, sample variance N·0.01² / (N − 1), annualised by 252. */
const closeToClose = (n: number) => 0.01 * Math.sqrt((252 * n) / (n - 1));
/** ln(H/L) = 0.02 every day: √(252 · 0.02² / (4 ln 2)). */
const PARKINSON = 0.02 * Math.sqrt(252 / (4 * Math.LN2));

const { web, productGet } = useMarketTest([symbol, ivOnly, empty].map((s) => testProduct(s)));

beforeAll(async () => {
  await insertDailyCandles(web.ctx.db, [...settled, openToday]);
  const iv = (product: string, date: string, iv30d: number) => ({
    product,
    date,
    observed_at: `${date}T10:00:00.000Z`,
    iv_30d: iv30d,
    atm_iv: iv30d,
    near_expiry: addCalendarDays(today, 3),
    source: 'live' as const,
  });
  await upsertIvPoints(web.ctx.db, {
    daily: [
      ...[20, 21, 22, 23, 24].map((i) => iv(symbol, dateOf(i), 0.18)),
      iv(symbol, today, 0.2),
      iv(ivOnly, today, 0.25),
    ],
  });
});

const get = productGet<RealizedVolResponse>(realizedVolRoute);

describe('GET /api/analytics/realized-vol/{product}', () => {
  it('rolls close-to-close and Parkinson volatility over 10, 20 and 60 settled days, today left out', async () => {
    const { status, body } = await get({});
    expect(status).toBe(200);
    expect(body.windows).toEqual([10, 20, 60]);
    // Window N ends on each day with N days before it: days 10–24 for 10, days 20–24 for 20, none for 60.
    expect(body.series.map((point) => `${point.date} ${point.window_days}`)).toEqual(
      Array.from({ length: 15 }, (_, k) => 10 + k).flatMap((i) =>
        i >= 20 ? [`${dateOf(i)} 10`, `${dateOf(i)} 20`] : [`${dateOf(i)} 10`],
      ),
    );
    for (const point of body.series) {
      expect(point.close_to_close).toBeCloseTo(closeToClose(point.window_days), 10);
      expect(point.parkinson).toBeCloseTo(PARKINSON, 10);
    }
    expect(closeToClose(20)).toBeCloseTo(closeToCloseVol(settled.slice(-21).map((c) => c.close)), 12);
    expect(PARKINSON).toBeCloseTo(parkinsonVol(settled.slice(-20)), 12);
    expect(body.latest).toEqual([
      {
        window_days: 10,
        date: dateOf(24),
        close_to_close: expect.closeTo(closeToClose(10), 10),
        parkinson: expect.closeTo(PARKINSON, 10),
        reason: null,
      },
      {
        window_days: 20,
        date: dateOf(24),
        close_to_close: expect.closeTo(closeToClose(20), 10),
        parkinson: expect.closeTo(PARKINSON, 10),
        reason: null,
      },
      { window_days: 60, date: null, close_to_close: null, parkinson: null, reason: 'insufficient_history' },
    ]);
  });

  it('pairs the 30-day IV with the 20-day close-to-close volatility, now and on each day', async () => {
    // 20 returns: 0.01·√(252·20/19) ≈ 16.29%; today's IV 20% → +3.71 points, the closes' 18% → +1.71.
    const { body } = await get({ windows: '10' });
    expect(body.iv_rv_spread).toEqual({
      window_days: 20,
      iv_30d: 0.2,
      iv_date: today,
      rv: expect.closeTo(closeToClose(20), 10),
      rv_date: dateOf(24),
      spread_points: expect.closeTo(100 * (0.2 - closeToClose(20)), 8),
      reason: null,
    });
    expect(body.iv_rv_spread.spread_points).toBeCloseTo(3.713, 3);
    expect(body.iv_rv_spread_series).toEqual(
      [20, 21, 22, 23, 24].map((i) => ({
        date: dateOf(i),
        iv_30d: 0.18,
        rv: expect.closeTo(closeToClose(20), 10),
        spread_points: expect.closeTo(100 * (0.18 - closeToClose(20)), 8),
      })),
    );
    // Only the window asked for is listed, though the spread's was computed.
    expect(new Set(body.series.map((point) => point.window_days))).toEqual(new Set([10]));
    expect(body.latest.map((point) => point.window_days)).toEqual([10]);
  });

  it('keeps the days of [start, end), the last `days` dates or the latest `limit`', async () => {
    const dates = async (query: Record<string, string>) =>
      (await get(query)).body.series.map((point) => point.date);
    expect(await dates({ windows: '10', start: dateOf(12), end: dateOf(15) })).toEqual([
      dateOf(12),
      dateOf(13),
      dateOf(14),
    ]);
    // The last three dates are today (open, left out) and the two days before.
    expect(await dates({ windows: '20', days: '3' })).toEqual([dateOf(23), dateOf(24)]);
    const latestTwo = await get({ windows: '20,10', limit: '2' });
    expect(latestTwo.body.windows).toEqual([10, 20]);
    expect(latestTwo.body.series.map((point) => `${point.date} ${point.window_days}`)).toEqual([
      `${dateOf(23)} 10`,
      `${dateOf(23)} 20`,
      `${dateOf(24)} 10`,
      `${dateOf(24)} 20`,
    ]);
    expect(latestTwo.body.iv_rv_spread_series.map((point) => point.date)).toEqual([dateOf(23), dateOf(24)]);
    // An end after today still leaves today out.
    expect(await dates({ windows: '10', start: dateOf(24), end: addCalendarDays(today, 2) })).toEqual([
      dateOf(24),
    ]);
  });

  it('says why values are null: no candles, no IV', async () => {
    const none = await get({}, empty);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({
      product: empty,
      windows: [10, 20, 60],
      series: [],
      latest: [10, 20, 60].map((window) => ({
        window_days: window,
        date: null,
        close_to_close: null,
        parkinson: null,
        reason: 'insufficient_history',
      })),
      iv_rv_spread: {
        window_days: 20,
        iv_30d: null,
        iv_date: null,
        rv: null,
        rv_date: null,
        spread_points: null,
        reason: 'no_current_iv',
      },
      iv_rv_spread_series: [],
    });
    expect((await get({}, ivOnly)).body.iv_rv_spread).toMatchObject({
      iv_30d: 0.25,
      rv: null,
      spread_points: null,
      reason: 'insufficient_history',
    });
  });

  it('400s bad windows, a limit over 2520 and an empty range, naming the field', async () => {
    await expectFieldErrors(get, [
      [{ windows: '1' }, 'windows'],
      [{ windows: '253' }, 'windows'],
      [{ windows: '10,x' }, 'windows'],
      [{ windows: '10,10' }, 'windows'],
      [{ windows: '2,3,4,5,6,7,8' }, 'windows'],
      [{ limit: '2521' }, 'limit'],
      ...RANGE_FIELD_ERRORS,
    ]);
  });

  it('404s an unknown product', async () => {
    expect((await get({}, 'NOSUCH')).status).toBe(404);
  });
});
