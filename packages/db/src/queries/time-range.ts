import { gte, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export interface TimeRange {
  /** Inclusive. */
  start?: Date;
  /** Exclusive. */
  end?: Date;
}

/** `column >= start` and `column < end`, each only when given. */
function halfOpen(column: PgColumn, start: Date | string | undefined, end: Date | string | undefined): SQL[] {
  const conditions: SQL[] = [];
  if (start) conditions.push(gte(column, start));
  if (end) conditions.push(lt(column, end));
  return conditions;
}

/** `column >= start` and `column < end`, each only when given; spread into `and(…)`. */
export function inTimeRange(column: PgColumn, range: TimeRange): SQL[] {
  return halfOpen(column, range.start, range.end);
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
  return halfOpen(column, range.startDate, range.endDate);
}
