import { describe, expect, it } from 'vitest';
import { makeCandle, makeProduct, makeTick } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { getAggregatedCandles, getCandles, getCandlesFromTicks, upsertCandles } from './candles';
import { insertTicks } from './ticks';

describe('candles', () => {
  const test = useTestDatabase([
    makeProduct('NIFTY'),
    makeProduct('AAPL', { time_zone: 'America/New_York' }),
    makeProduct('AGG'),
  ]);

  const minute = (m: number) => new Date(Date.parse('2026-03-02T03:45:00.000Z') + m * 60_000).toISOString();

  it('upsertCandles inserts new buckets and merges into stored ones', async () => {
    await upsertCandles(test.db, [
      makeCandle('NIFTY', minute(0), [100, 105, 99, 104], 1_000, 4),
      makeCandle('NIFTY', minute(1), [104, 104, 101, 102], 500, 2),
    ]);
    await upsertCandles(test.db, [makeCandle('NIFTY', minute(1), [103, 107, 100.5, 106], 300, 3)]);

    expect(await getCandles(test.db, { product: 'NIFTY', intervalSeconds: 60, limit: 10 })).toEqual([
      makeCandle('NIFTY', minute(0), [100, 105, 99, 104], 1_000, 4),
      makeCandle('NIFTY', minute(1), [104, 107, 100.5, 106], 800, 5),
    ]);
  });

  it('upsertCandles merges bars of one bucket within a batch in batch order', async () => {
    await upsertCandles(test.db, [
      makeCandle('NIFTY', minute(2), [106, 106, 105, 105.5], 10, 1),
      makeCandle('NIFTY', minute(2), [105.5, 108, 105.5, 107], 20, 2),
      makeCandle('NIFTY', minute(2), [107, 107, 104, 104.5], 30, 3),
      makeCandle('NIFTY', minute(2), [104.5, 104.5, 104.5, 104.5], 1, 1, 300),
    ]);
    expect(
      await getCandles(test.db, {
        product: 'NIFTY',
        intervalSeconds: 60,
        start: new Date(minute(2)),
        limit: 10,
      }),
    ).toEqual([makeCandle('NIFTY', minute(2), [106, 108, 104, 104.5], 60, 6)]);
    expect(await getCandles(test.db, { product: 'NIFTY', intervalSeconds: 300, limit: 10 })).toEqual([
      makeCandle('NIFTY', minute(2), [104.5, 104.5, 104.5, 104.5], 1, 1, 300),
    ]);
  });

  it('getCandles returns the latest `limit` bars in [start, end), oldest first', async () => {
    const starts = async (query: Omit<Parameters<typeof getCandles>[1], 'product' | 'intervalSeconds'>) =>
      (await getCandles(test.db, { product: 'NIFTY', intervalSeconds: 60, ...query })).map(
        (c) => c.bucket_start,
      );
    expect(await starts({ limit: 2 })).toEqual([minute(1), minute(2)]);
    expect(await starts({ start: new Date(minute(0)), end: new Date(minute(2)), limit: 10 })).toEqual([
      minute(0),
      minute(1),
    ]);
    expect(await starts({ end: new Date(minute(1)), limit: 10 })).toEqual([minute(0)]);
  });

  it('getCandlesFromTicks bins ticks on the wall clock of the time zone', async () => {
    // 03:50Z is 09:20 in Kolkata (UTC+5:30): hourly bars there start at hh:30Z.
    const at = (iso: string) => new Date(iso);
    await insertTicks(test.db, [
      makeTick('NIFTY', 1, at('2026-03-02T03:50:00Z'), 100, 10),
      makeTick('NIFTY', 2, at('2026-03-02T04:10:00Z'), 103, 5),
      makeTick('NIFTY', 4, at('2026-03-02T04:20:00Z'), 98),
      makeTick('NIFTY', 3, at('2026-03-02T04:20:00Z'), 99, 1),
      makeTick('NIFTY', 5, at('2026-03-02T04:29:59.999Z'), 101, 2),
      makeTick('NIFTY', 6, at('2026-03-02T04:30:00Z'), 102, 3),
      makeTick('NIFTY', 7, at('2026-03-02T19:00:00Z'), 110, 4),
    ]);
    const range = { product: 'NIFTY', start: at('2026-03-02T00:00:00Z'), end: at('2026-03-03T00:00:00Z') };

    expect(
      await getCandlesFromTicks(test.db, { ...range, intervalSeconds: 3600, timeZone: 'Asia/Kolkata' }),
    ).toEqual([
      makeCandle('NIFTY', '2026-03-02T03:30:00.000Z', [100, 103, 98, 101], 18, 5, 3600),
      makeCandle('NIFTY', '2026-03-02T04:30:00.000Z', [102, 102, 102, 102], 3, 1, 3600),
      makeCandle('NIFTY', '2026-03-02T18:30:00.000Z', [110, 110, 110, 110], 4, 1, 3600),
    ]);
    // Daily bars start at local midnight: 18:30Z the evening before.
    expect(
      await getCandlesFromTicks(test.db, { ...range, intervalSeconds: 86_400, timeZone: 'Asia/Kolkata' }),
    ).toEqual([
      makeCandle('NIFTY', '2026-03-01T18:30:00.000Z', [100, 103, 98, 102], 21, 6, 86_400),
      makeCandle('NIFTY', '2026-03-02T18:30:00.000Z', [110, 110, 110, 110], 4, 1, 86_400),
    ]);
    expect(await getCandlesFromTicks(test.db, { ...range, intervalSeconds: 3600, timeZone: 'UTC' })).toEqual([
      makeCandle('NIFTY', '2026-03-02T03:00:00.000Z', [100, 100, 100, 100], 10, 1, 3600),
      makeCandle('NIFTY', '2026-03-02T04:00:00.000Z', [103, 103, 98, 102], 11, 5, 3600),
      makeCandle('NIFTY', '2026-03-02T19:00:00.000Z', [110, 110, 110, 110], 4, 1, 3600),
    ]);
  });

  it('getCandlesFromTicks follows daylight saving time', async () => {
    // New York moved to UTC-4 on 2026-03-08: a 09:30 local open is 14:30Z before and 13:30Z after.
    await insertTicks(test.db, [
      makeTick('AAPL', 1, new Date('2026-03-06T14:31:00Z'), 230),
      makeTick('AAPL', 2, new Date('2026-03-09T13:31:00Z'), 231),
    ]);
    const bars = await getCandlesFromTicks(test.db, {
      product: 'AAPL',
      intervalSeconds: 1800,
      start: new Date('2026-03-06T00:00:00Z'),
      end: new Date('2026-03-10T00:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(bars.map((b) => b.bucket_start)).toEqual(['2026-03-06T14:30:00.000Z', '2026-03-09T13:30:00.000Z']);
  });

  it('getAggregatedCandles rolls stored 1-minute bars up on the local wall clock, whole bars only', async () => {
    // 03:44Z is 09:14 in Kolkata: the 09:00 quarter-hour; 03:45Z–03:59Z the 09:15 one; 18:31Z the next local day.
    await upsertCandles(test.db, [
      makeCandle('AGG', '2026-03-02T03:44:00.000Z', [100, 101, 99, 100], 10, 1),
      makeCandle('AGG', '2026-03-02T03:45:00.000Z', [100, 102, 98, 101], 20, 2),
      makeCandle('AGG', '2026-03-02T03:59:00.000Z', [101, 105, 100, 104], 5, 1),
      makeCandle('AGG', '2026-03-02T04:00:00.000Z', [104, 104, 103, 103], 1, 1),
      makeCandle('AGG', '2026-03-02T18:31:00.000Z', [110, 111, 109, 110], 2, 1),
    ]);
    const aggregate = (
      intervalSeconds: number,
      range: { start?: string; end?: string; limit?: number } = {},
    ) =>
      getAggregatedCandles(test.db, {
        product: 'AGG',
        intervalSeconds,
        timeZone: 'Asia/Kolkata',
        limit: range.limit ?? 100,
        ...(range.start ? { start: new Date(range.start) } : {}),
        ...(range.end ? { end: new Date(range.end) } : {}),
      });
    const quarterHours = [
      makeCandle('AGG', '2026-03-02T03:30:00.000Z', [100, 101, 99, 100], 10, 1, 900),
      makeCandle('AGG', '2026-03-02T03:45:00.000Z', [100, 105, 98, 104], 25, 3, 900),
      makeCandle('AGG', '2026-03-02T04:00:00.000Z', [104, 104, 103, 103], 1, 1, 900),
      makeCandle('AGG', '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 900),
    ];
    expect(await aggregate(900)).toEqual(quarterHours);
    expect(await aggregate(3600)).toEqual([
      makeCandle('AGG', '2026-03-02T03:30:00.000Z', [100, 105, 98, 103], 36, 5, 3600),
      makeCandle('AGG', '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 3600),
    ]);
    expect(await aggregate(86_400)).toEqual([
      makeCandle('AGG', '2026-03-01T18:30:00.000Z', [100, 105, 98, 103], 36, 5, 86_400),
      makeCandle('AGG', '2026-03-02T18:30:00.000Z', [110, 111, 109, 110], 2, 1, 86_400),
    ]);
    expect(await aggregate(900, { limit: 2 })).toEqual(quarterHours.slice(2));
    // The 09:15 bar began before `start`: left out. It begins before `end`: read whole, past `end`.
    expect(await aggregate(900, { start: '2026-03-02T03:50:00Z' })).toEqual(quarterHours.slice(2));
    expect(await aggregate(900, { end: '2026-03-02T03:50:00Z' })).toEqual(quarterHours.slice(0, 2));
  });
});
