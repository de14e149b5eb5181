import type { SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { latestRowsInPages, latestRowsOldestFirst, pageOf, type KeyColumn } from './pages';

type RowOf<Select extends PgSelect> = Awaited<Select>[number];

/**
 * A stored series as both of its reads take it: the latest rows at once (a chart) or in pages (an
 * export), so the two always read the same rows.
 */
export interface Series<Select extends PgSelect, Out> {
  /** A new dynamic select of the series' table for each statement (a query builder makes one). */
  rows(): Select;
  /** The series' own filter: its product, its range and the like. */
  filter: readonly SQL[];
  /** A unique sort key, most significant column first. */
  keys: readonly [KeyColumn<RowOf<Select>>, ...KeyColumn<RowOf<Select>>[]];
  map(row: RowOf<Select>): Out;
}

/** The latest `limit` rows, oldest first as a chart draws them, in one query (the key is one column). */
export async function latestOfSeries<Select extends PgSelect, Out>(
  series: Series<Select, Out> & { keys: readonly [KeyColumn<RowOf<Select>>] },
  limit: number,
): Promise<Out[]> {
  const rows = await latestRowsOldestFirst(series.rows(), series.filter, series.keys[0].column, limit);
  return rows.map((row) => series.map(row));
}

/** The latest `limit` rows, oldest first, in pages of `pageSize`: exports of long ranges. */
export function pagesOfSeries<Select extends PgSelect, Out>(
  series: Series<Select, Out>,
  read: { limit: number; pageSize?: number | undefined },
): AsyncGenerator<Out[]> {
  return latestRowsInPages({
    limit: read.limit,
    pageSize: read.pageSize,
    keys: series.keys,
    select: (page) => pageOf(series.rows(), series.filter, page),
    map: (row) => series.map(row),
  });
}

/**
 * The three reads of one product's series within optional bounds (`range`): the latest `limit` rows in
 * range oldest first, the same in pages, and its newest row (null when none is stored).
 */
export function productSeriesReads<Range, Select extends PgSelect, Out>(
  series: (
    db: Db,
    product: string,
    range?: Range,
  ) => Series<Select, Out> & { keys: readonly [KeyColumn<RowOf<Select>>] },
) {
  return {
    latest: (db: Db, query: { product: string; limit: number } & Range): Promise<Out[]> =>
      latestOfSeries(series(db, query.product, query), query.limit),
    pages: (
      db: Db,
      query: { product: string; limit: number; pageSize?: number } & Range,
    ): AsyncGenerator<Out[]> => pagesOfSeries(series(db, query.product, query), query),
    newest: async (db: Db, product: string): Promise<Out | null> =>
      (await latestOfSeries(series(db, product), 1))[0] ?? null,
  };
}
