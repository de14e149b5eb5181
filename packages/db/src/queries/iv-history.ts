import type { DailyIvPoint, IntradayIvPoint, IvSource } from '@deltastream/core/schemas';
import { IV_RANK_LOOKBACK_DAYS } from '@deltastream/core/volatility';
import { and, desc, eq, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { dailyCandles, ivDailyPoints, ivIntradayPoints } from '../schema';
import { latestRowsOldestFirst } from './pages';
import { productSeriesReads } from './series';
import { inDateRange, inTimeRange, type DateRange, type TimeRange } from './time-range';
import { columnNames, unnest, type UnnestColumn } from './unnest';

/** What the store keeps beside a point: whose it is, and the chain time it was computed at. */
export interface IvObservation {
  product: string;
  /** ISO-8601 instant: the latest chain the point was computed from. */
  observed_at: string;
}
export type IntradayIvRow = IntradayIvPoint & IvObservation;
export type DailyIvRow = DailyIvPoint & IvObservation;

type IvTable = typeof ivIntradayPoints | typeof ivDailyPoints;
type IvRow = IntradayIvRow | DailyIvRow;

function levelColumns(table: IvTable, rows: readonly IvRow[]): UnnestColumn[] {
  return [
    [table.product, rows.map((row) => row.product)],
    [table.observedAt, rows.map((row) => row.observed_at)],
    [table.iv30d, rows.map((row) => row.iv_30d)],
    [table.atmIv, rows.map((row) => row.atm_iv)],
    [table.nearExpiry, rows.map((row) => row.near_expiry)],
    [table.source, rows.map((row) => row.source)],
  ];
}

/**
 * Inserts the batch's points, one per key (`product` and `key`), or replaces the stored one when the new
 * point is the better observation: a live point replaces a simulated one; within one source the later
 * observation wins. So two workers that sample the same minute keep the one that saw the later chains
 * whichever commits last, a replay (same observation again) changes nothing, and a backfill never
 * overwrites the market. Within the batch the better of two points of one key is kept the same way.
 */
function upsertBetterObservation(table: IvTable, key: PgColumn, columns: UnnestColumn[]): SQL {
  const names = columnNames(columns);
  const keyName = sql.identifier(key.name);
  return sql`
    insert into ${table} (${names})
    select distinct on (product, ${keyName}) ${names}
      from ${unnest(columns)} as batch (${names})
     order by product, ${keyName}, source = 'live' desc, observed_at desc
    on conflict (product, ${keyName}) do update set
      observed_at = excluded.observed_at,
      iv_30d = excluded.iv_30d,
      atm_iv = excluded.atm_iv,
      near_expiry = excluded.near_expiry,
      source = excluded.source
     where (excluded.source = 'live' and ${table.source} = 'simulated')
        or (excluded.source = ${table.source} and excluded.observed_at > ${table.observedAt})
    returning 1`;
}

/**
 * Stores intraday and daily IV points in one statement (see upsertBetterObservation for which point a
 * key keeps). Returns how many rows of each were inserted or replaced.
 */
export async function upsertIvPoints(
  db: Db,
  points: { intraday?: readonly IntradayIvRow[]; daily?: readonly DailyIvRow[] },
): Promise<{ intraday: number; daily: number }> {
  const intraday = points.intraday ?? [];
  const daily = points.daily ?? [];
  const i = ivIntradayPoints;
  const d = ivDailyPoints;
  const intradayColumns: UnnestColumn[] = [
    [i.bucketStart, intraday.map((row) => row.bucket_start)],
    ...levelColumns(i, intraday),
  ];
  const dailyColumns: UnnestColumn[] = [[d.date, daily.map((row) => row.date)], ...levelColumns(d, daily)];
  const [written] = await db.execute<{ intraday: number; daily: number }>(sql`
    with minutes as (${upsertBetterObservation(i, i.bucketStart, intradayColumns)}),
         days as (${upsertBetterObservation(d, d.date, dailyColumns)})
    select (select count(*) from minutes)::int as intraday, (select count(*) from days)::int as daily`);
  return { intraday: written?.intraday ?? 0, daily: written?.daily ?? 0 };
}

type IntradayRow = typeof ivIntradayPoints.$inferSelect;
type DailyRow = typeof ivDailyPoints.$inferSelect;

function levelsOf(row: IntradayRow | DailyRow) {
  return { iv_30d: row.iv30d, atm_iv: row.atmIv, near_expiry: row.nearExpiry, source: row.source };
}

const toIntradayPoint = (row: IntradayRow): IntradayIvPoint => ({
  bucket_start: row.bucketStart.toISOString(),
  ...levelsOf(row),
});

const toDailyPoint = (row: DailyRow): DailyIvPoint => ({ date: row.date, ...levelsOf(row) });

const intradayIv = productSeriesReads((db: Db, product: string, range: TimeRange = {}) => {
  const i = ivIntradayPoints;
  return {
    rows: () => db.select().from(i).$dynamic(),
    filter: [eq(i.product, product), ...inTimeRange(i.bucketStart, range)],
    keys: [{ column: i.bucketStart, value: (row: IntradayRow) => row.bucketStart }] as const,
    map: toIntradayPoint,
  };
});

const dailyIv = productSeriesReads((db: Db, product: string, range: DateRange = {}) => {
  const d = ivDailyPoints;
  return {
    rows: () => db.select().from(d).$dynamic(),
    filter: [eq(d.product, product), ...inDateRange(d.date, range)],
    keys: [{ column: d.date, value: (row: DailyRow) => row.date }] as const,
    map: toDailyPoint,
  };
});

/** The latest `limit` minutes with bucket_start in [start, end), oldest first as a chart draws them. */
export const getIntradayIvPoints = intradayIv.latest;

/** The minutes getIntradayIvPoints reads, oldest first, in pages of `pageSize` (exports of long ranges). */
export const getIntradayIvPages = intradayIv.pages;

/** The product's latest minute, or null when none is stored. */
export const getLatestIntradayIvPoint = intradayIv.newest;

/** The latest `limit` days with date in [startDate, endDate), oldest first. */
export const getDailyIvPoints = dailyIv.latest;

/** The days getDailyIvPoints reads, oldest first, in pages of `pageSize` (exports of long ranges). */
export const getDailyIvPages = dailyIv.pages;

/** The product's latest day, or null when none is stored. */
export const getLatestDailyIvPoint = dailyIv.newest;

/**
 * The product's latest day that has a 30-day IV (the value IV rank ranks), or null when none has. A
 * day's point can lack one while another is stored before it: at a start, the first minute may be
 * sampled before the chains of the expiries that make up the 30 days have arrived.
 */
export async function getLatestDailyIv30dPoint(db: Db, product: string): Promise<DailyIvPoint | null> {
  const d = ivDailyPoints;
  const [row] = await db
    .select()
    .from(d)
    .where(and(eq(d.product, product), isNotNull(d.iv30d)))
    .orderBy(desc(d.date))
    .limit(1);
  return row ? toDailyPoint(row) : null;
}

/**
 * The 30-day IVs that IV rank and IV percentile look back over (ivRankAndPercentile's `history`): the
 * last `days` (default IV_RANK_LOOKBACK_DAYS) daily values dated before `beforeDate` (today, which the
 * measures take on its own), oldest first. Days without a 30-day IV are left out.
 */
export async function getIvLookback(
  db: Db,
  query: { product: string; beforeDate: string; days?: number },
): Promise<number[]> {
  const d = ivDailyPoints;
  const rows = await latestRowsOldestFirst(
    db.select({ iv30d: d.iv30d }).from(d).$dynamic(),
    [eq(d.product, query.product), lt(d.date, query.beforeDate), isNotNull(d.iv30d)],
    d.date,
    query.days ?? IV_RANK_LOOKBACK_DAYS,
  );
  return rows.map((row) => row.iv30d as number);
}

/** Whether any daily IV point of `product` is stored, live or simulated. */
export async function hasDailyIvHistory(db: Db, product: string): Promise<boolean> {
  const [row] = await db
    .select({ date: ivDailyPoints.date })
    .from(ivDailyPoints)
    .where(eq(ivDailyPoints.product, product))
    .limit(1);
  return row !== undefined;
}

export interface DeletedHistoryCounts {
  ivIntradayPoints: number;
  ivDailyPoints: number;
  dailyCandles: number;
}

/**
 * Deletes the rows of the volatility history whose source is `source` (of `products` only, when
 * given), in one transaction; the other source's rows stay.
 */
export async function deleteHistoryBySource(
  db: Db,
  options: { source: IvSource; products?: readonly string[] },
): Promise<DeletedHistoryCounts> {
  const of = (table: typeof ivIntradayPoints | typeof ivDailyPoints | typeof dailyCandles) =>
    and(
      eq(table.source, options.source),
      options.products ? inArray(table.product, [...options.products]) : undefined,
    );
  return db.transaction(async (tx) => {
    const minutes = await tx.delete(ivIntradayPoints).where(of(ivIntradayPoints));
    const days = await tx.delete(ivDailyPoints).where(of(ivDailyPoints));
    const candles = await tx.delete(dailyCandles).where(of(dailyCandles));
    return { ivIntradayPoints: minutes.count, ivDailyPoints: days.count, dailyCandles: candles.count };
  });
}
