/**
 * The range of a history read on the product's exchange calendar. Daily series are keyed by exchange
 * date and minute series by instant, and a caller may name either bound either way: a date stands for
 * the exchange's midnight that starts it, an instant for the exchange date it falls on. A daily point
 * stands at its date's close, so an instant bound keeps the days whose close lies on its side of it.
 */
import { addCalendarDays, zonedDate, zonedWallTimeToUtcMs } from '@deltastream/core/calendar';
import type { DateRange, TimeRange } from '@deltastream/db/queries';
import { AppError } from './errors';

/** A bound as the contract parses it: YYYY-MM-DD, an ISO-8601 instant, or epoch milliseconds. */
export type RangeBound = string | number;

export interface RangeQuery {
  start?: RangeBound | undefined;
  end?: RangeBound | undefined;
  /** The last `days` exchange dates, today included. */
  days?: number | undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (bound: RangeBound): bound is string => typeof bound === 'string' && DATE_ONLY.test(bound);

/** The bound as epoch ms; 400 naming `field` for one past what a Date holds (±8.64e15 ms). */
function instantMsOf(bound: RangeBound, field: string, timeZone: string): number {
  const ms = isDate(bound) ? zonedWallTimeToUtcMs(bound, '00:00', timeZone) : new Date(bound).getTime();
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_ERROR', `${field}: out of range`, { field });
  return ms;
}

function dateOf(bound: RangeBound, field: string, timeZone: string): string {
  return isDate(bound) ? bound : zonedDate(instantMsOf(bound, field, timeZone), timeZone);
}

function emptyRange(): AppError {
  return new AppError('VALIDATION_ERROR', 'end: must be after start', { field: 'end' });
}

/** `days` as a start bound; 400 naming `days` when start or end is given too. */
function startOf(query: RangeQuery, timeZone: string, nowMs: number): RangeBound | undefined {
  if (query.days === undefined) return query.start;
  if (query.start !== undefined || query.end !== undefined) {
    throw new AppError('VALIDATION_ERROR', 'days: give either days or start and end', { field: 'days' });
  }
  return addCalendarDays(zonedDate(nowMs, timeZone), 1 - query.days);
}

/**
 * The range's bounds as `convert` reads them (dates or epoch ms, which compare in time order), start
 * from `days` when given; 400 naming the field when the range is empty or doubly given.
 */
function convertedBounds<T extends string | number>(
  query: RangeQuery,
  timeZone: string,
  nowMs: number,
  convert: (bound: RangeBound, field: 'start' | 'end', timeZone: string) => T,
): { start?: T; end?: T } {
  const startBound = startOf(query, timeZone, nowMs);
  const start = startBound === undefined ? undefined : convert(startBound, 'start', timeZone);
  const end = query.end === undefined ? undefined : convert(query.end, 'end', timeZone);
  if (start !== undefined && end !== undefined && end <= start) throw emptyRange();
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}

/** [startDate, endDate) on the exchange calendar; 400 naming the field when the range is empty or doubly given. */
export function exchangeDateRange(query: RangeQuery, timeZone: string, nowMs = Date.now()): DateRange {
  const { start, end } = convertedBounds(query, timeZone, nowMs, dateOf);
  return {
    ...(start === undefined ? {} : { startDate: start }),
    ...(end === undefined ? {} : { endDate: end }),
  };
}

/** [start, end) as instants, dates at the exchange's midnight; 400 naming the field as exchangeDateRange. */
export function exchangeTimeRange(query: RangeQuery, timeZone: string, nowMs = Date.now()): TimeRange {
  const { start, end } = convertedBounds(query, timeZone, nowMs, instantMsOf);
  return {
    ...(start === undefined ? {} : { start: new Date(start) }),
    ...(end === undefined ? {} : { end: new Date(end) }),
  };
}
