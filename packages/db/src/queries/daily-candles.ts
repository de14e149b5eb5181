import type { IvSource } from '@deltastream/core/schemas';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { candles, dailyCandles, products } from '../schema';
import { STORED_CANDLE_SECONDS } from './candles';
import { ohlcvUnnestColumns } from './ohlcv-columns';
import { latestRowsOldestFirst } from './pages';
import { inDateRange, type DateRange } from './time-range';
import { columnNames, unnest, type UnnestColumn } from './unnest';

const DAY_SECONDS = 86_400;

/** A daily candle as it is written: OHLC of the underlying over one exchange date. */
export interface DailyCandleRow {
  product: string;
  /** YYYY-MM-DD in the product's time zone. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  source: IvSource;
}

/**
 * A stored daily candle as realised volatility reads it (realisedVolSeries and latestRealisedVol take
 * these as they are): `bucket_start` is the exchange's midnight that starts `date`.
 */
export interface StoredDailyCandle extends Omit<DailyCandleRow, 'product'> {
  bucket_start: string;
  interval_seconds: number;
}

/** Inserts candles of dates not stored yet and leaves stored ones alone; returns how many were new. */
export async function insertDailyCandles(db: Db, rows: readonly DailyCandleRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const d = dailyCandles;
  const columns: UnnestColumn[] = [
    [d.product, rows.map((row) => row.product)],
    [d.date, rows.map((row) => row.date)],
    ...ohlcvUnnestColumns(d, rows),
    [d.source, rows.map((row) => row.source)],
  ];
  const inserted = await db.execute(sql`
    insert into ${d} (${columnNames(columns)})
    select * from ${unnest(columns)}
    on conflict do nothing
    returning 1`);
  return inserted.length;
}

/**
 * Recomputes the live daily candles of `product` for every exchange date from `fromDate` on from its
 * stored 1-minute candles (bucketed on the exchange clock, so each lies within one date of `timeZone`),
 * replacing what is stored for those dates, simulated or live. A recomputation, not a merge: running it
 * again, or on several workers at once, gives the same rows. Returns how many dates were written.
 */
export async function refreshDailyCandles(
  db: Db,
  query: { product: string; timeZone: string; fromDate: string },
): Promise<number> {
  const c = candles;
  const written = await db.execute(sql`
    insert into ${dailyCandles} (product, date, open, high, low, close, volume, source)
    select ${c.product}, (${c.bucketStart} at time zone ${query.timeZone})::date,
           (array_agg(${c.open} order by ${c.bucketStart}))[1], max(${c.high}), min(${c.low}),
           (array_agg(${c.close} order by ${c.bucketStart} desc))[1], sum(${c.volume}), 'live'
      from ${c}
     where ${c.product} = ${query.product}
       and ${c.intervalSeconds} = ${STORED_CANDLE_SECONDS}
       and ${c.bucketStart} >= (${query.fromDate}::date::timestamp at time zone ${query.timeZone})
     group by 1, 2
    on conflict (product, date) do update set
      open = excluded.open,
      high = excluded.high,
      low = excluded.low,
      close = excluded.close,
      volume = excluded.volume,
      source = excluded.source
    returning 1`);
  return written.length;
}

/** The latest `limit` daily candles with date in [startDate, endDate), oldest first. */
export async function getDailyCandles(
  db: Db,
  query: { product: string; limit: number } & DateRange,
): Promise<StoredDailyCandle[]> {
  const d = dailyCandles;
  const bars = db
    .select({
      date: d.date,
      bucketStart: sql<Date>`(${d.date}::timestamp at time zone ${products.timeZone})`.mapWith(
        candles.bucketStart,
      ),
      open: d.open,
      high: d.high,
      low: d.low,
      close: d.close,
      volume: d.volume,
      source: d.source,
    })
    .from(d)
    .innerJoin(products, eq(products.symbol, d.product))
    .$dynamic();
  const inRange = [eq(d.product, query.product), ...inDateRange(d.date, query)];
  const rows = await latestRowsOldestFirst(bars, inRange, d.date, query.limit);
  return rows.map(({ bucketStart, ...row }) => ({
    ...row,
    bucket_start: bucketStart.toISOString(),
    interval_seconds: DAY_SECONDS,
  }));
}
