import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { underlyingTicks } from '../schema';
import { explainQueries, makeProduct, makeTick } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { upsertProducts } from './products';
import { getCandles } from './candles';
import { getLatestTick, getTickRangeBar, getTicks, insertTicks } from './ticks';

describe('ticks', () => {
  const test = useTestDatabase([makeProduct('NIFTY'), makeProduct('BANKNIFTY'), makeProduct('BULK')]);

  const t0 = Date.parse('2026-03-02T03:45:00.000Z');
  const at = (seconds: number) => new Date(t0 + seconds * 1000);
  const batch = [
    makeTick('NIFTY', 1, at(0), 24_000.05, 150),
    makeTick('NIFTY', 2, at(1), 24_001.1),
    makeTick('BANKNIFTY', 1, at(1), 51_000.25, 30),
    makeTick('NIFTY', 3, at(2), 23_999.95, 200),
  ];

  const rowsOf = async (product: string) =>
    (
      await test.db.select({ n: count() }).from(underlyingTicks).where(eq(underlyingTicks.product, product))
    )[0]?.n;

  it('insertTicks merges exactly the new ticks into their candles, in the same statement', async () => {
    const minuteOf = (tick: { timestamp: string }) =>
      new Date(Math.floor(Date.parse(tick.timestamp) / 60_000) * 60_000).toISOString();
    const candles = { intervalSeconds: 60, bucketStart: minuteOf };
    const first = [
      makeTick('BULK', 1, at(0), 100, 10),
      makeTick('BULK', 3, at(30), 103, 5),
      makeTick('BULK', 2, at(20), 99, 1),
      makeTick('BULK', 4, at(61), 104, 2),
    ];
    expect(await insertTicks(test.db, first, candles)).toHaveLength(4);
    // A retry of the same ticks, plus one new tick and a duplicate of it, moves only the new one in.
    const later = makeTick('BULK', 5, at(59), 98, 7);
    expect(await insertTicks(test.db, [...first, later, later], candles)).toEqual([later]);
    const bars = await getCandles(test.db, { product: 'BULK', intervalSeconds: 60, limit: 10 });
    expect(bars.map((b) => [b.bucket_start, b.open, b.high, b.low, b.close, b.volume, b.ticks])).toEqual([
      [at(0).toISOString(), 100, 103, 98, 98, 23, 4],
      [at(60).toISOString(), 104, 104, 104, 104, 2, 1],
    ]);
  });

  it('insertTicks stores a batch once and reports only new ticks', async () => {
    expect(await insertTicks(test.db, batch)).toEqual(batch);
    expect(await insertTicks(test.db, batch)).toEqual([]);
    expect(await rowsOf('NIFTY')).toBe(3);

    const fourth = makeTick('NIFTY', 4, at(3), 24_002);
    expect(await insertTicks(test.db, [batch[0]!, fourth, fourth])).toEqual([fourth]);
    expect(await rowsOf('NIFTY')).toBe(4);
    expect(await insertTicks(test.db, [])).toEqual([]);
  });

  it('getLatestTick returns the newest tick of the product', async () => {
    expect(await getLatestTick(test.db, 'NIFTY')).toEqual(makeTick('NIFTY', 4, at(3), 24_002));
    expect(await getLatestTick(test.db, 'BANKNIFTY')).toEqual(batch[2]);
    expect(await getLatestTick(test.db, 'SENSEX')).toBeNull();
  });

  it('getTicks returns [start, end) newest first, up to limit', async () => {
    const ids = async (query: Parameters<typeof getTicks>[1]) =>
      (await getTicks(test.db, query)).map((t) => t.tick_id);
    expect(await ids({ product: 'NIFTY', limit: 10 })).toEqual([4, 3, 2, 1]);
    expect(await ids({ product: 'NIFTY', limit: 2 })).toEqual([4, 3]);
    expect(await ids({ product: 'NIFTY', start: at(1), end: at(3), limit: 10 })).toEqual([3, 2]);
    expect(await ids({ product: 'NIFTY', start: at(2), limit: 10 })).toEqual([4, 3]);
    expect(await ids({ product: 'NIFTY', end: at(1), limit: 10 })).toEqual([1]);
    expect(await getTicks(test.db, { product: 'NIFTY', start: at(1), end: at(2), limit: 10 })).toEqual([
      batch[1],
    ]);
  });

  it('latest and range reads use the (product, ts DESC) index', async () => {
    const ticks = Array.from({ length: 20_000 }, (_, i) => makeTick('BULK', i, at(i), 100 + (i % 7)));
    for (let i = 0; i < ticks.length; i += 5_000) await insertTicks(test.db, ticks.slice(i, i + 5_000));
    await test.sql`analyze underlying_ticks`;

    const index = /Index Scan using underlying_ticks_product_ts_idx/;
    expect(await explainQueries(test.sql, (db) => getLatestTick(db, 'BULK'))).toMatch(index);
    const range = await explainQueries(test.sql, (db) =>
      getTicks(db, { product: 'BULK', start: at(10_000), end: at(10_100), limit: 50 }),
    );
    expect(range).toMatch(index);
    expect(range).not.toMatch(/Sort/);
  });

  it('getTickRangeBar aggregates one range of ticks into a bar: first, high, low, last, count', async () => {
    await upsertProducts(test.db, [makeProduct('RANGE')]);
    // Stored out of order; ticks 3 and 4 share a timestamp, so the id orders them.
    await insertTicks(test.db, [
      makeTick('RANGE', 4, at(20), 101),
      makeTick('RANGE', 1, at(0), 100),
      makeTick('RANGE', 3, at(20), 97),
      makeTick('RANGE', 2, at(10), 105),
      makeTick('RANGE', 5, at(30), 99),
    ]);
    expect(await getTickRangeBar(test.db, { product: 'RANGE', start: at(5), end: at(30) })).toEqual({
      open: 105,
      high: 105,
      low: 97,
      close: 101,
      firstTickAt: at(10).toISOString(),
      lastTickAt: at(20).toISOString(),
      ticks: 3,
    });
    expect(await getTickRangeBar(test.db, { product: 'RANGE' })).toMatchObject({
      open: 100,
      close: 99,
      ticks: 5,
    });
    expect(await getTickRangeBar(test.db, { product: 'RANGE', start: at(31) })).toBeNull();
  });
});
