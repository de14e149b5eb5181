import type { UnderlyingTick } from '@deltastream/core/schemas';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { candles as candleTable, underlyingTicks } from '../schema';
import { MERGE_INTO_STORED_CANDLE } from './candles';
import { pagesOfSeries } from './series';
import { inTimeRange, type TimeRange } from './time-range';
import { columnNames, unnest, type UnnestColumn } from './unnest';

type TickRow = typeof underlyingTicks.$inferSelect;

function toTick(row: TickRow): UnderlyingTick {
  return {
    type: 'UNDERLYING',
    product: row.product,
    tick_id: row.tickId,
    timestamp: row.ts.toISOString(),
    price: row.price,
    ...(row.volume === null ? {} : { volume: row.volume }),
  };
}

const tickKey = (product: string, tickId: number | string) => `${product}\u0000${tickId}`;

/** Candles to merge from the ticks a batch stores: the interval, and each tick's bucket start (ISO). */
export interface TickCandles {
  intervalSeconds: number;
  bucketStart: (tick: UnderlyingTick) => string;
}

/**
 * Inserts a batch in one statement and returns the ticks that were new (in input order, each key once).
 * Ticks already stored, or repeated in the batch, are skipped: a retried job inserts nothing. With
 * `candles`, the same statement merges exactly the new ticks into their stored bars (bucket starts come
 * from the caller, who owns the clock alignment), so ticks and candles can never disagree after a crash
 * and the worker's write is one round trip.
 */
export async function insertTicks(
  db: Db,
  ticks: readonly UnderlyingTick[],
  candles?: TickCandles,
): Promise<UnderlyingTick[]> {
  if (ticks.length === 0) return [];
  const columns: UnnestColumn[] = [
    [underlyingTicks.product, ticks.map((t) => t.product)],
    [underlyingTicks.tickId, ticks.map((t) => t.tick_id)],
    [underlyingTicks.ts, ticks.map((t) => t.timestamp)],
    [underlyingTicks.price, ticks.map((t) => t.price)],
    [underlyingTicks.volume, ticks.map((t) => t.volume ?? null)],
    ...(candles ? [[candleTable.bucketStart, ticks.map(candles.bucketStart)] as const] : []),
  ];
  const mergeCandles = candles
    ? sql`, merged as (
        insert into ${candleTable} (product, interval_seconds, bucket_start, open, high, low, close, volume, ticks)
        select product, ${candles.intervalSeconds}::int, bucket_start,
               (array_agg(price order by ts, ord))[1], max(price), min(price),
               (array_agg(price order by ts desc, ord desc))[1], coalesce(sum(volume), 0), count(*)
          from input join inserted using (product, tick_id)
         group by product, bucket_start
        ${MERGE_INTO_STORED_CANDLE})`
    : sql``;
  const inserted = await db.execute<{ product: string; tick_id: string }>(sql`
    with input as (
      select distinct on (product, tick_id) *
        from ${unnest(columns)} with ordinality as batch (${columnNames(columns)}, ord)
       order by product, tick_id, ord),
    inserted as (
      insert into ${underlyingTicks} (product, tick_id, ts, price, volume)
      select product, tick_id, ts, price, volume from input
      on conflict do nothing
      returning ${underlyingTicks.product}, ${underlyingTicks.tickId})
    ${mergeCandles}
    select product, tick_id from inserted`);
  const insertedKeys = new Set(inserted.map((row) => tickKey(row.product, row.tick_id)));
  // Deleting as we go hands back the first of any ticks repeated within the batch, and only that one.
  return ticks.filter((t) => insertedKeys.delete(tickKey(t.product, t.tick_id)));
}

export async function getLatestTick(db: Db, product: string): Promise<UnderlyingTick | null> {
  const [row] = await db
    .select()
    .from(underlyingTicks)
    .where(eq(underlyingTicks.product, product))
    .orderBy(desc(underlyingTicks.ts))
    .limit(1);
  return row ? toTick(row) : null;
}

/** Ticks of one product in [start, end), newest first. */
export async function getTicks(
  db: Db,
  query: { product: string; limit: number } & TimeRange,
): Promise<UnderlyingTick[]> {
  const rows = await db
    .select()
    .from(underlyingTicks)
    .where(and(eq(underlyingTicks.product, query.product), ...inTimeRange(underlyingTicks.ts, query)))
    .orderBy(desc(underlyingTicks.ts))
    .limit(query.limit);
  return rows.map(toTick);
}

/**
 * The ticks getTicks reads (the latest `limit` in [start, end)), oldest first, in pages of `pageSize`:
 * for exports of long ranges, which go out as they are read. Ticks stamped alike follow their id (the
 * keyset needs a unique order; getTicks leaves theirs to the index).
 */
export function getTickPages(
  db: Db,
  query: { product: string; limit: number; pageSize?: number } & TimeRange,
): AsyncGenerator<UnderlyingTick[]> {
  const t = underlyingTicks;
  return pagesOfSeries(
    {
      rows: () => db.select().from(t).$dynamic(),
      filter: [eq(t.product, query.product), ...inTimeRange(t.ts, query)],
      keys: [
        { column: t.ts, value: (row) => row.ts },
        { column: t.tickId, value: (row) => row.tickId },
      ],
      map: toTick,
    },
    query,
  );
}

/** One bar over ticks of a range: its first, highest, lowest and last price, when they came and how many. */
export interface TickRangeBar {
  open: number;
  high: number;
  low: number;
  close: number;
  firstTickAt: string;
  lastTickAt: string;
  ticks: number;
}

/**
 * Every tick of one product in [start, end) as one bar, aggregated in PostgreSQL (the range's ticks
 * never leave it); null when the range holds none. Ticks stamped alike are ordered by id, as the
 * candles are.
 */
export async function getTickRangeBar(
  db: Db,
  query: { product: string } & TimeRange,
): Promise<TickRangeBar | null> {
  const [row] = await db
    .select({
      open: sql<number>`(array_agg(${underlyingTicks.price} order by ${underlyingTicks.ts}, ${underlyingTicks.tickId}))[1]`,
      high: sql<number>`max(${underlyingTicks.price})`,
      low: sql<number>`min(${underlyingTicks.price})`,
      close: sql<number>`(array_agg(${underlyingTicks.price} order by ${underlyingTicks.ts} desc, ${underlyingTicks.tickId} desc))[1]`,
      firstTickAt: sql<Date>`min(${underlyingTicks.ts})`.mapWith(underlyingTicks.ts),
      lastTickAt: sql<Date>`max(${underlyingTicks.ts})`.mapWith(underlyingTicks.ts),
      ticks: sql<number>`count(*)::int`,
    })
    .from(underlyingTicks)
    .where(and(eq(underlyingTicks.product, query.product), ...inTimeRange(underlyingTicks.ts, query)));
  if (!row || row.ticks === 0) return null;
  return {
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    firstTickAt: row.firstTickAt.toISOString(),
    lastTickAt: row.lastTickAt.toISOString(),
    ticks: row.ticks,
  };
}
