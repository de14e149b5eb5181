import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  candles,
  chainSnapshots,
  dailyCandles,
  ivDailyPoints,
  ivIntradayPoints,
  chainQuotes,
  underlyingTicks,
} from '../schema';
import { dateFromToday, makeCandle, makeChain, makeProduct, makeTick } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { upsertCandles } from './candles';
import { insertDailyCandles } from './daily-candles';
import { upsertIvPoints } from './iv-history';
import { getLatestChain, insertChainSnapshots } from './chains';
import { pruneHistory } from './retention';
import { getTicks, insertTicks } from './ticks';

describe('pruneHistory', () => {
  const test = useTestDatabase([makeProduct('NIFTY')]);

  const cutoff = new Date('2026-03-02T00:00:00.000Z');
  const before = (minutes: number) => new Date(cutoff.getTime() - minutes * 60_000);
  const after = (minutes: number) => new Date(cutoff.getTime() + minutes * 60_000);
  const expiry = dateFromToday(30);

  it('deletes only rows older than the cutoff and counts them per table', async () => {
    await insertTicks(test.db, [
      makeTick('NIFTY', 1, before(2), 100),
      makeTick('NIFTY', 2, before(1), 101),
      makeTick('NIFTY', 3, cutoff, 102),
      makeTick('NIFTY', 4, after(1), 103),
    ]);
    const keptChain = makeChain({ product: 'NIFTY', expiry, seq: 3, at: cutoff, strikes: 4 });
    await insertChainSnapshots(test.db, [
      makeChain({ product: 'NIFTY', expiry, seq: 1, at: before(5), strikes: 4 }),
      makeChain({ product: 'NIFTY', expiry, seq: 2, at: before(1), strikes: 4 }),
      keptChain,
    ]);
    await upsertCandles(test.db, [
      makeCandle('NIFTY', before(1).toISOString(), [100, 101, 100, 101], 0, 2),
      makeCandle('NIFTY', cutoff.toISOString(), [102, 103, 102, 103], 0, 2),
    ]);

    const ivLevels = { iv_30d: 0.15, atm_iv: 0.16, near_expiry: expiry, source: 'live' as const };
    await upsertIvPoints(test.db, {
      intraday: [before(1), cutoff].map((at) => ({
        product: 'NIFTY',
        bucket_start: at.toISOString(),
        observed_at: at.toISOString(),
        ...ivLevels,
      })),
      // A day long before the cutoff: the daily series are kept.
      daily: [
        { product: 'NIFTY', date: '2025-03-03', observed_at: before(525_600).toISOString(), ...ivLevels },
      ],
    });
    await insertDailyCandles(test.db, [
      { product: 'NIFTY', date: '2025-03-03', open: 1, high: 2, low: 1, close: 2, volume: 0, source: 'live' },
    ]);

    expect(await pruneHistory(test.db, { olderThan: cutoff })).toEqual({
      ticks: 2,
      chainSnapshots: 2,
      candles: 1,
      ivIntradayPoints: 1,
    });

    const rows = async (
      table:
        | typeof underlyingTicks
        | typeof chainSnapshots
        | typeof chainQuotes
        | typeof candles
        | typeof ivIntradayPoints
        | typeof ivDailyPoints
        | typeof dailyCandles,
    ) => (await test.db.select({ n: count() }).from(table))[0]?.n;
    expect(await rows(underlyingTicks)).toBe(2);
    expect(await rows(chainSnapshots)).toBe(1);
    expect(await rows(chainQuotes)).toBe(1);
    expect(await rows(candles)).toBe(1);
    expect(await rows(ivIntradayPoints)).toBe(1);
    expect(await rows(ivDailyPoints)).toBe(1);
    expect(await rows(dailyCandles)).toBe(1);
    expect((await getTicks(test.db, { product: 'NIFTY', limit: 10 })).map((t) => t.tick_id)).toEqual([4, 3]);
    expect(await getLatestChain(test.db, { product: 'NIFTY', expiry })).toEqual(keptChain);

    expect(await pruneHistory(test.db, { olderThan: cutoff })).toEqual({
      ticks: 0,
      chainSnapshots: 0,
      candles: 0,
      ivIntradayPoints: 0,
    });
  });
});
