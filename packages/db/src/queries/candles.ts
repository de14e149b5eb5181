import type { Candle } from '@deltastream/core/schemas';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { candles, underlyingTicks } from '../schema';
import { ohlcvUnnestColumns } from './ohlcv-columns';
import { latestOfSeries, pagesOfSeries } from './series';
import { inTimeRange, type TimeRange } from './time-range';
import { columnNames, unnest, type UnnestColumn } from './unnest';

/**
 * The one interval the worker stores as ticks arrive (aligned to each product's exchange clock); every
 * other interval is aggregated from these at read time (getAggregatedCandles).
 */
export const STORED_CANDLE_SECONDS = 60;

/**
 * How an incoming bar merges into the stored bar of its bucket: the stored open stays, the high and low
 * widen, the incoming close wins, volume and tick count add up.
 */
export const MERGE_INTO_STORED_CANDLE = sql`
  on conflict (product, interval_seconds, bucket_start) do update set
    high = greatest(candles.high, excluded.high),
    low = least(candles.low, excluded.low),
    close = excluded.close,
    volume = candles.volume + excluded.volume,
    ticks = candles.ticks + excluded.ticks`;

/**
 * Merges bars into the stored ones: a new bucket is inserted; an existing one keeps its open, takes the
 * higher high, the lower low and the incoming close, and adds volume and tick count. Bars for the same
 * bucket within the batch are merged first, in batch order.
 *
 * Not idempotent: the same tick merged twice counts its volume twice. The worker therefore builds these bars
 * only from the ticks `insertTicks` reports as new, in the same transaction, so a retried job adds nothing.
 * Batches are assumed to arrive in time order (the open is the stored one, the close the incoming one).
 */
export async function upsertCandles(db: Db, bars: readonly Candle[]): Promise<void> {
  if (bars.length === 0) return;
  const columns: UnnestColumn[] = [
    [candles.product, bars.map((b) => b.product)],
    [candles.intervalSeconds, bars.map((b) => b.interval_seconds)],
    [candles.bucketStart, bars.map((b) => b.bucket_start)],
    ...ohlcvUnnestColumns(candles, bars),
    [candles.ticks, bars.map((b) => b.ticks)],
  ];
  await db.execute(sql`
    insert into ${candles} (${columnNames(columns)})
    select product, interval_seconds, bucket_start,
           (array_agg(open order by ord))[1], max(high), min(low), (array_agg(close order by ord desc))[1],
           sum(volume), sum(ticks)
      from ${unnest(columns)} with ordinality as batch (${columnNames(columns)}, ord)
     group by product, interval_seconds, bucket_start
    ${MERGE_INTO_STORED_CANDLE}`);
}

type CandleRow = typeof candles.$inferSelect;

function toCandle(row: CandleRow): Candle {
  return {
    product: row.product,
    interval_seconds: row.intervalSeconds,
    bucket_start: row.bucketStart.toISOString(),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
    ticks: row.ticks,
  };
}

/** The stored bars of one product and interval with bucket_start in [start, end). */
function storedBars(db: Db, query: { product: string; intervalSeconds: number } & TimeRange) {
  return {
    rows: () => db.select().from(candles).$dynamic(),
    filter: [
      eq(candles.product, query.product),
      eq(candles.intervalSeconds, query.intervalSeconds),
      ...inTimeRange(candles.bucketStart, query),
    ],
    keys: [{ column: candles.bucketStart, value: (row: CandleRow) => row.bucketStart }] as const,
    map: toCandle,
  };
}

/** The latest `limit` stored bars with bucket_start in [start, end), oldest first as a chart draws them. */
export async function getCandles(
  db: Db,
  query: { product: string; intervalSeconds: number; limit: number } & TimeRange,
): Promise<Candle[]> {
  return latestOfSeries(storedBars(db, query), query.limit);
}

/** The bars getCandles reads, oldest first, in pages of `pageSize` (exports of long ranges). */
export function getCandlePages(
  db: Db,
  query: { product: string; intervalSeconds: number; limit: number; pageSize?: number } & TimeRange,
): AsyncGenerator<Candle[]> {
  return pagesOfSeries(storedBars(db, query), query);
}

/**
 * Bars of any interval computed from the ticks in [start, end), oldest first, for intervals the worker does
 * not store. Buckets are aligned to the wall clock of `timeZone` (an IANA name, normally the product's):
 * ticks are binned on local time from a local midnight, so 15-minute bars start at :00, :15, … and daily bars
 * at local midnight whatever the zone's UTC offset. Open and close are the first and last tick by time
 * (tick_id breaks ties); volume counts ticks that carried one.
 */
export async function getCandlesFromTicks(
  db: Db,
  query: { product: string; intervalSeconds: number; start: Date; end: Date; timeZone: string },
): Promise<Candle[]> {
  const t = underlyingTicks;
  const localBucketStart = sql`date_bin(make_interval(secs => ${query.intervalSeconds}), ${t.ts} at time zone ${query.timeZone}, timestamp '2000-01-01')`;
  const rows = await db
    .select({
      bucketStart: sql<Date>`${localBucketStart} at time zone ${query.timeZone}`.mapWith(t.ts),
      open: sql<number>`(array_agg(${t.price} order by ${t.ts}, ${t.tickId}))[1]`,
      high: sql<number>`max(${t.price})`,
      low: sql<number>`min(${t.price})`,
      close: sql<number>`(array_agg(${t.price} order by ${t.ts} desc, ${t.tickId} desc))[1]`,
      volume: sql<number>`coalesce(sum(${t.volume}), 0)`.mapWith(Number),
      ticks: sql<number>`count(*)`.mapWith(Number),
    })
    .from(t)
    .where(and(eq(t.product, query.product), ...inTimeRange(t.ts, query)))
    // By position: the bucket expression carries its own parameters, so repeating it would not match.
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows.map((row) => ({
    product: query.product,
    interval_seconds: query.intervalSeconds,
    bucket_start: row.bucketStart.toISOString(),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
    ticks: row.ticks,
  }));
}

/** Longest a wall-clock bucket can outlast its nominal interval: a day that gains an hour to daylight saving. */
const DST_SLACK_SECONDS = 3600;

/**
 * Bars of any interval aggregated from the stored STORED_CANDLE_SECONDS bars, aligned to the wall clock of
 * `timeZone` as getCandlesFromTicks aligns them (15-minute bars at :00, :15, …, daily bars at local
 * midnight): the latest `limit` bars with bucket_start in [start, end), oldest first. Each bar is whole:
 * a bucket is read in full even when it runs past `end`, and one that began before `start` is left out.
 */
export async function getAggregatedCandles(
  db: Db,
  query: { product: string; intervalSeconds: number; timeZone: string; limit: number } & TimeRange,
): Promise<Candle[]> {
  const c = candles;
  const localBucketStart = sql`date_bin(make_interval(secs => ${query.intervalSeconds}), ${c.bucketStart} at time zone ${query.timeZone}, timestamp '2000-01-01') at time zone ${query.timeZone}`;
  const from = sql`${query.start?.toISOString() ?? '-infinity'}::timestamptz`;
  const to = sql`${query.end?.toISOString() ?? 'infinity'}::timestamptz`;
  const rows = await db.execute<{
    bucket_ms: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
    ticks: number;
  }>(sql`
    select extract(epoch from bucket_start)::float8 * 1000 as bucket_ms, open, high, low, close, volume, ticks
      from (
        select ${localBucketStart} as bucket_start,
               (array_agg(${c.open} order by ${c.bucketStart}))[1] as open,
               max(${c.high}) as high,
               min(${c.low}) as low,
               (array_agg(${c.close} order by ${c.bucketStart} desc))[1] as close,
               sum(${c.volume})::float8 as volume,
               sum(${c.ticks})::float8 as ticks
          from ${c}
         where ${c.product} = ${query.product}
           and ${c.intervalSeconds} = ${STORED_CANDLE_SECONDS}
           and ${c.bucketStart} >= ${from}
           and ${c.bucketStart} < ${to} + make_interval(secs => ${query.intervalSeconds + DST_SLACK_SECONDS})
         group by 1
      ) bars
     where bucket_start >= ${from} and bucket_start < ${to}
     order by bucket_start desc
     limit ${query.limit}`);
  return rows.reverse().map((row) => ({
    product: query.product,
    interval_seconds: query.intervalSeconds,
    bucket_start: new Date(row.bucket_ms).toISOString(),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
    ticks: row.ticks,
  }));
}
