import { and, asc, desc, eq, gt, gte, or, type SQL } from 'drizzle-orm';
import type { PgColumn, PgSelect } from 'drizzle-orm/pg-core';

/** The page size of history read page by page: small enough to bound memory, large enough to amortise a round trip. */
export const HISTORY_PAGE_ROWS = 1000;

/** One column of a table's sort key, and where a row read from the table holds its value. */
export interface KeyColumn<Row> {
  column: PgColumn;
  value(row: Row): unknown;
}

/** One read of a keyset-paged series: rows matching `after` (and the series' own filter), in `orderBy` order. */
export interface PageRead {
  after: SQL | undefined;
  orderBy: SQL[];
  offset: number;
  size: number;
}

/**
 * One page of a series: `rows` (a dynamic select of the series' table) narrowed to the series' own filter
 * and the page's keyset bound, in the page's order.
 */
export function pageOf<Select extends PgSelect>(
  rows: Select,
  filter: readonly (SQL | undefined)[],
  page: PageRead,
): Select {
  return rows
    .where(and(...filter, page.after))
    .orderBy(...page.orderBy)
    .offset(page.offset)
    .limit(page.size);
}

/**
 * The latest `limit` rows of a series (the newest by `key`), returned oldest first as a chart draws them:
 * `rows` (a dynamic select of the series' table) narrowed to the series' own filter.
 */
export async function latestRowsOldestFirst<Select extends PgSelect>(
  rows: Select,
  filter: readonly (SQL | undefined)[],
  key: PgColumn,
  limit: number,
): Promise<Awaited<Select>> {
  const newestFirst = await rows
    .where(and(...filter))
    .orderBy(desc(key))
    .limit(limit);
  return newestFirst.reverse() as Awaited<Select>;
}

/**
 * Rows after `row` in key order, `row` itself too when `inclusive`:
 * `k1 > v1 or (k1 = v1 and k2 > v2)`, each value compared as its column encodes it.
 */
function keyAfter<Row>(keys: readonly KeyColumn<Row>[], row: Row, inclusive: boolean): SQL {
  const [first, ...rest] = keys;
  if (first === undefined) throw new Error('a keyset needs a key');
  const value = first.value(row);
  if (rest.length === 0) return inclusive ? gte(first.column, value) : gt(first.column, value);
  return or(gt(first.column, value), and(eq(first.column, value), keyAfter(rest, row, inclusive)))!;
}

/**
 * The latest `limit` rows of a series, oldest first, read `pageSize` at a time by keyset pagination on a
 * unique sort key (its index serves every page at the same cost, however deep), so a long range goes out
 * in pages and is never held whole. The first row is the one `limit − 1` places before the newest (or
 * the oldest, when the series holds fewer); pages then follow the key from there until `limit` rows are
 * out or the series ends. Each page is read when the consumer asks for the next one.
 */
export async function* latestRowsInPages<Row, Out>(read: {
  limit: number;
  pageSize?: number | undefined;
  keys: readonly KeyColumn<Row>[];
  select(page: PageRead): Promise<Row[]>;
  map(row: Row): Out;
}): AsyncGenerator<Out[]> {
  if (read.limit <= 0) return;
  const pageSize = read.pageSize ?? HISTORY_PAGE_ROWS;
  const ascending = read.keys.map((key) => asc(key.column));
  const descending = read.keys.map((key) => desc(key.column));
  const one = async (orderBy: SQL[], offset: number): Promise<Row | undefined> =>
    (await read.select({ after: undefined, orderBy, offset, size: 1 }))[0];
  const first = (await one(descending, read.limit - 1)) ?? (await one(ascending, 0));
  if (first === undefined) return;
  let remaining = read.limit;
  let from: Row = first;
  let inclusive = true;
  while (remaining > 0) {
    const size = Math.min(pageSize, remaining);
    const rows = await read.select({
      after: keyAfter(read.keys, from, inclusive),
      orderBy: ascending,
      offset: 0,
      size,
    });
    if (rows.length === 0) return;
    yield rows.map(read.map);
    remaining -= rows.length;
    if (rows.length < size) return;
    from = rows[rows.length - 1]!;
    inclusive = false;
  }
}
