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
