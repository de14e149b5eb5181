import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { underlyingTicks } from '../schema';
import { makeProduct, makeTick } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { getCandlePages, getCandles } from './candles';
import { getDailyIvPages, getDailyIvPoints, upsertIvPoints } from './iv-history';
import { latestRowsOldestFirst } from './pages';
import { getTickPages, insertTicks } from './ticks';

/** Everything a paged read yields, page by page. */
async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const read: T[][] = [];
  for await (const page of pages) read.push(page);
  return read;
}

describe('keyset-paged history reads', () => {
  const test = useTestDatabase([makeProduct('PAGED')]);
  const t0 = Date.parse('2026-03-02T03:45:00.000Z');
  const at = (seconds: number) => new Date(t0 + seconds * 1000);
  /** 50 ticks, three to a second: every page boundary below falls inside a run of equal timestamps. */
  const ticks = Array.from({ length: 50 }, (_, i) =>
    makeTick('PAGED', i + 1, at(Math.floor(i / 3)), 100 + i, i),
  );

  beforeAll(async () => {
    const minuteOf = (tick: { timestamp: string }) =>
      new Date(Math.floor(Date.parse(tick.timestamp) / 60_000) * 60_000).toISOString();
    // Shuffled, as batches arrive.
    await insertTicks(test.db, [...ticks.slice(25), ...ticks.slice(0, 25)].reverse(), {
      intervalSeconds: 60,
      bucketStart: minuteOf,
    });
  });

  it('reads the latest `limit` ticks oldest first in pages, ties in timestamp by id, none twice or lost', async () => {
    const pages = await collect(getTickPages(test.db, { product: 'PAGED', limit: 23, pageSize: 7 }));
    expect(pages.map((page) => page.length)).toEqual([7, 7, 7, 2]);
    expect(pages.flat().map((tick) => tick.tick_id)).toEqual(ticks.slice(-23).map((tick) => tick.tick_id));
  });

  it('keeps to [start, end), and reads all of a range that holds fewer than `limit`', async () => {
    const pages = await collect(
      getTickPages(test.db, { product: 'PAGED', start: at(2), end: at(10), limit: 1000, pageSize: 4 }),
    );
    const expected = ticks.filter(
      (tick) => tick.timestamp >= at(2).toISOString() && tick.timestamp < at(10).toISOString(),
    );
    expect(pages.flat()).toEqual(
      expected.map(({ type, product, tick_id, timestamp, price, volume }) => ({
        type,
        product,
        tick_id,
        timestamp,
        price,
        volume,
      })),
    );
    expect(pages.every((page) => page.length <= 4)).toBe(true);
    expect(pages.length).toBe(Math.ceil(expected.length / 4));
  });

  it('yields nothing for an empty range or a zero limit, and reads no page before it is asked for', async () => {
    expect(await collect(getTickPages(test.db, { product: 'PAGED', start: at(1000), limit: 10 }))).toEqual(
      [],
    );
    expect(await collect(getTickPages(test.db, { product: 'PAGED', limit: 0 }))).toEqual([]);
    const pages = getTickPages(test.db, { product: 'PAGED', limit: 50, pageSize: 10 });
    const first = await pages.next();
    expect(first.value).toHaveLength(10);
    await pages.return(undefined);
    expect((await pages.next()).done).toBe(true);
  });

  it('latestRowsOldestFirst: the newest `limit` rows of the filter, returned oldest first', async () => {
    const t = underlyingTicks;
    const latest = (filter: Parameters<typeof latestRowsOldestFirst>[1], limit: number) =>
      latestRowsOldestFirst(test.db.select().from(t).$dynamic(), filter, t.tickId, limit);
    const ids = (rows: { tickId: number }[]) => rows.map((row) => row.tickId);
    expect(ids(await latest([eq(t.product, 'PAGED')], 4))).toEqual([47, 48, 49, 50]);
    expect(ids(await latest([eq(t.product, 'PAGED'), eq(t.price, 102)], 4))).toEqual([3]);
    expect(await latest([eq(t.product, 'ELSEWHERE')], 4)).toEqual([]);
  });

  it('pages stored candles and daily IV points as their one-shot reads answer them', async () => {
    const candlePages = await collect(
      getCandlePages(test.db, { product: 'PAGED', intervalSeconds: 60, limit: 5, pageSize: 1 }),
    );
    expect(candlePages.flat()).toEqual(
      await getCandles(test.db, { product: 'PAGED', intervalSeconds: 60, limit: 5 }),
    );
    await upsertIvPoints(test.db, {
      daily: Array.from({ length: 12 }, (_, i) => ({
        product: 'PAGED',
        date: `2026-02-${String(i + 1).padStart(2, '0')}`,
        observed_at: `2026-02-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
        iv_30d: 0.1 + i / 100,
        atm_iv: null,
        near_expiry: null,
        source: 'simulated' as const,
      })),
    });
    const query = { product: 'PAGED', startDate: '2026-02-02', endDate: '2026-02-12', limit: 8 };
    const dayPages = await collect(getDailyIvPages(test.db, { ...query, pageSize: 3 }));
    expect(dayPages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(dayPages.flat()).toEqual(await getDailyIvPoints(test.db, query));
  });
});
