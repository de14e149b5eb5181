import { describe, expect, it } from 'vitest';
import { latestRealisedVol } from '@deltastream/core/volatility';
import { makeCandle, makeProduct } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { upsertCandles } from './candles';
import {
  getDailyCandles,
  insertDailyCandles,
  refreshDailyCandles,
  type DailyCandleRow,
} from './daily-candles';

describe('daily candles', () => {
  const test = useTestDatabase([
    makeProduct('DNIFTY'),
    makeProduct('DAAPL', { time_zone: 'America/New_York' }),
    makeProduct('DSIM'),
  ]);

  const simulated = (product: string, date: string, close: number): DailyCandleRow => ({
    product,
    date,
    open: close - 1,
    high: close + 2,
    low: close - 3,
    close,
    volume: 0,
    source: 'simulated',
  });

  it('refreshDailyCandles recomputes the exchange dates from a date on from the 1-minute candles', async () => {
    // Kolkata is UTC+05:30: 2026-03-02 ends at 18:30Z.
    await upsertCandles(test.db, [
      makeCandle('DNIFTY', '2026-03-01T10:00:00.000Z', [90, 91, 89, 90], 5, 1),
      makeCandle('DNIFTY', '2026-03-02T04:00:00.000Z', [100, 105, 99, 104], 10, 3),
      makeCandle('DNIFTY', '2026-03-02T04:01:00.000Z', [104, 108, 103, 107], 20, 2),
      makeCandle('DNIFTY', '2026-03-02T18:29:00.000Z', [107, 107, 98, 101], 30, 4),
      makeCandle('DNIFTY', '2026-03-02T18:30:00.000Z', [101, 102, 100, 102], 40, 1),
      // Another interval is not read.
      makeCandle('DNIFTY', '2026-03-02T04:00:00.000Z', [1, 1000, 1, 1], 1, 1, 300),
    ]);
    // 2026-03-02 was simulated before the market was recorded; 2026-03-01 is before `fromDate`.
    await insertDailyCandles(test.db, [simulated('DNIFTY', '2026-03-02', 50)]);
    const refresh = () =>
      refreshDailyCandles(test.db, { product: 'DNIFTY', timeZone: 'Asia/Kolkata', fromDate: '2026-03-02' });
    expect(await refresh()).toBe(2);
    const expected = [
      { date: '2026-03-02', open: 100, high: 108, low: 98, close: 101, volume: 60, source: 'live' },
      { date: '2026-03-03', open: 101, high: 102, low: 100, close: 102, volume: 40, source: 'live' },
    ];
    const stored = async () =>
      (await getDailyCandles(test.db, { product: 'DNIFTY', limit: 10 })).map(
        ({ bucket_start: _start, interval_seconds: _interval, ...row }) => row,
      );
    expect(await stored()).toEqual(expected);
    // Again, as a second worker would: the same rows.
    expect(await refresh()).toBe(2);
    expect(await stored()).toEqual(expected);

    // A later minute of the second date moves its close and high.
    await upsertCandles(test.db, [
      makeCandle('DNIFTY', '2026-03-02T18:31:00.000Z', [102, 110, 102, 109], 1, 1),
    ]);
    await refreshDailyCandles(test.db, {
      product: 'DNIFTY',
      timeZone: 'Asia/Kolkata',
      fromDate: '2026-03-03',
    });
    expect(await stored()).toEqual([
      expected[0],
      { date: '2026-03-03', open: 101, high: 110, low: 100, close: 109, volume: 41, source: 'live' },
    ]);
  });

  it('insertDailyCandles adds only dates not stored yet', async () => {
    const first = [simulated('DSIM', '2026-03-02', 100), simulated('DSIM', '2026-03-03', 101)];
    expect(await insertDailyCandles(test.db, first)).toBe(2);
    expect(
      await insertDailyCandles(test.db, [
        simulated('DSIM', '2026-03-03', 999),
        simulated('DSIM', '2026-03-04', 102),
      ]),
    ).toBe(1);
    expect((await getDailyCandles(test.db, { product: 'DSIM', limit: 10 })).map((c) => c.close)).toEqual([
      100, 101, 102,
    ]);
    expect(await insertDailyCandles(test.db, [])).toBe(0);
  });

  it('getDailyCandles dates each candle from the exchange midnight, reads a range, and feeds realised volatility', async () => {
    // New York: UTC−5 in winter, UTC−4 from 2026-03-08.
    const dates = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'];
    await insertDailyCandles(
      test.db,
      dates.map((date, i) => simulated('DAAPL', date, [200, 202, 199, 201, 204][i]!)),
    );
    const candles = await getDailyCandles(test.db, { product: 'DAAPL', limit: 10 });
    expect(candles.map((c) => c.bucket_start)).toEqual([
      '2026-03-04T05:00:00.000Z',
      '2026-03-05T05:00:00.000Z',
      '2026-03-06T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      '2026-03-10T04:00:00.000Z',
    ]);
    expect(candles[0]).toEqual({
      date: '2026-03-04',
      bucket_start: '2026-03-04T05:00:00.000Z',
      interval_seconds: 86_400,
      open: 199,
      high: 202,
      low: 197,
      close: 200,
      volume: 0,
      source: 'simulated',
    });
    expect(
      (
        await getDailyCandles(test.db, {
          product: 'DAAPL',
          startDate: '2026-03-05',
          endDate: '2026-03-10',
          limit: 2,
        })
      ).map((c) => c.date),
    ).toEqual(['2026-03-06', '2026-03-09']);

    const [twoDay] = latestRealisedVol(candles, { timeZone: 'America/New_York', windows: [2] });
    expect(twoDay?.date).toBe('2026-03-10');
    const returns = [Math.log(201 / 199), Math.log(204 / 201)];
    const mean = (returns[0]! + returns[1]!) / 2;
    const variance = (returns[0]! - mean) ** 2 + (returns[1]! - mean) ** 2;
    expect(twoDay?.close_to_close).toBeCloseTo(Math.sqrt(variance * 252), 12);
  });
});
