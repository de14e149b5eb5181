import { gte, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export interface TimeRange {
  /** Inclusive. */
  start?: Date;
  /** Exclusive. */
  end?: Date;
}

/** `column >= start` and `column < end`, each only when given; spread into `and(…)`. */
export function inTimeRange(column: PgColumn, range: TimeRange): SQL[] {
  const conditions: SQL[] = [];
  if (range.start) conditions.push(gte(column, range.start));
  if (range.end) conditions.push(lt(column, range.end));
  return conditions;
}

/** Exchange dates as YYYY-MM-DD, the way the daily series are keyed. */
export interface DateRange {
  /** Inclusive. */
  startDate?: string;
  /** Exclusive. */
  endDate?: string;
}

/** `column >= startDate` and `column < endDate`, each only when given; spread into `and(…)`. */
export function inDateRange(column: PgColumn, range: DateRange): SQL[] {
  const conditions: SQL[] = [];
  if (range.startDate) conditions.push(gte(column, range.startDate));
  if (range.endDate) conditions.push(lt(column, range.endDate));
  return conditions;
}
