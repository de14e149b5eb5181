// Time to expiry in years under the two day counts the platform quotes.
//
// ACT/365 (Actual/365 Fixed): elapsed milliseconds / (365 × 86 400 000), exact to the millisecond; weekends
// and holidays age the option like any other day.
//
// BUS/252: business days / 252, the trading-day convention (Hull 8th ed., Ch. 15, "Trading days vs.
// calendar days": volatility accrues mostly on trading days, so T = trading days to maturity / 252; also the
// statutory day count of Brazilian markets). Business days are Monday to Friday in `timeZone` (default UTC)
// minus `holidays`. Partial days count by the calendar: each local calendar day that is a business day
// contributes the fraction of that day, midnight to midnight in `timeZone`, that lies between the two
// instants; weekend days and holidays contribute nothing. A full business day counts exactly 1 even on a
// daylight-saving day of 23 or 25 hours. Trading-session hours are not modelled: Friday 15:30 → Monday 15:30
// is 8.5/24 + 15.5/24 = 1 business day.
//
// One T for everything: the year fraction that scales volatility (σ√T) also discounts the rate and the dividend
// yield (e^{−rT}, e^{−qT}), in pricing, in the IV solver and in the simulator alike. Under BUS/252 a weekend
// therefore accrues neither time value nor carry, and rates are read per business year of 252 days; splitting
// the clocks (calendar time for carry, business time for variance) would be more exact for carry but would
// quote r and q on one clock and σ on another in the same formula.
//
// Both are signed: yearFraction(b, a) = −yearFraction(a, b), as day counts conventionally are.

import { PricingInputError } from './pricing-input-error';

export type DayCount = 'ACT/365' | 'BUS/252';

/** Days in one year of each day count: theta per day = theta per year / DAYS_PER_YEAR[dayCount]. */
export const DAYS_PER_YEAR: Readonly<Record<DayCount, number>> = { 'ACT/365': 365, 'BUS/252': 252 };

export interface YearFractionOptions {
  /** Exchange holidays as YYYY-MM-DD local dates (BUS/252 only). */
  holidays?: readonly string[];
  /** IANA time zone whose calendar days and midnights define business days (BUS/252 only); default UTC. */
  timeZone?: string;
}

const MS_PER_DAY = 86_400_000;
// ECMAScript Date range: ±10^8 days around the epoch.
const MAX_EPOCH_MS = 8.64e15;

/**
 * Year fraction between two instants (epoch milliseconds) under `dayCount`; negative when `toMs` is before
 * `fromMs`. Throws PricingInputError for a non-finite instant, a malformed holiday or an unknown time zone.
 */
export function yearFraction(
  fromMs: number,
  toMs: number,
  dayCount: DayCount,
  options: YearFractionOptions = {},
): number {
  requireInstant(fromMs, 'fromMs');
  requireInstant(toMs, 'toMs');
  switch (dayCount) {
    case 'ACT/365':
      return (toMs - fromMs) / (DAYS_PER_YEAR['ACT/365'] * MS_PER_DAY);
    case 'BUS/252': {
      const calendar = createCalendar(options);
      const days =
        toMs >= fromMs
          ? businessDaysBetween(fromMs, toMs, calendar)
          : -businessDaysBetween(toMs, fromMs, calendar);
      return days / DAYS_PER_YEAR['BUS/252'];
    }
    default:
      throw new PricingInputError('dayCount', `must be 'ACT/365' or 'BUS/252', got ${String(dayCount)}`);
  }
}

function requireInstant(ms: number, field: string): void {
  if (!(Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS)) {
    throw new PricingInputError(field, 'must be a finite epoch time in milliseconds within the Date range');
  }
}

interface Calendar {
  /** Local wall-clock time minus UTC at an instant, in ms. */
  offsetMs: (instantMs: number) => number;
  /** Holidays as local day numbers (days since 1970-01-01). */
  holidays: ReadonlySet<number>;
}

function createCalendar(options: YearFractionOptions): Calendar {
  const timeZone = options.timeZone ?? 'UTC';
  return {
    offsetMs: timeZone === 'UTC' ? () => 0 : zoneOffsetFunction(timeZone),
    holidays: parseHolidays(options.holidays ?? []),
  };
}

const HOLIDAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseHolidays(holidays: readonly string[]): Set<number> {
  const days = new Set<number>();
  for (const holiday of holidays) {
    const match = HOLIDAY_PATTERN.exec(holiday);
    const utcMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
    if (!match || new Date(utcMs).toISOString().slice(0, 10) !== holiday) {
      throw new PricingInputError('holidays', `"${holiday}" is not a YYYY-MM-DD date`);
    }
    days.add(utcMs / MS_PER_DAY);
  }
  return days;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new PricingInputError('timeZone', `"${timeZone}" is not an IANA time zone`);
    }
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

// The zone's offset at an instant: its wall-clock reading (whole seconds, as Intl gives it) read as if it
// were UTC, minus the instant truncated to the same second.
function zoneOffsetFunction(timeZone: string): (instantMs: number) => number {
  const formatter = zoneFormatter(timeZone);
  return (instantMs) => {
    const wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of formatter.formatToParts(instantMs)) {
      if (part.type in wall) wall[part.type as keyof typeof wall] = Number(part.value);
    }
    const wallAsUtcMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    return wallAsUtcMs - Math.floor(instantMs / 1000) * 1000;
  };
}

function localDay(instantMs: number, calendar: Calendar): number {
  return Math.floor((instantMs + calendar.offsetMs(instantMs)) / MS_PER_DAY);
}

// First instant of local day `day`: local midnight, or the first instant after it when a daylight-saving
// jump skips midnight. With the offsets a day before and a day after (at most one transition in between,
// true of every zone in the IANA database), one of the two candidate instants is the answer: the earlier
// one whose local date has reached `day`.
function localDayStartMs(day: number, calendar: Calendar): number {
  const wallMs = day * MS_PER_DAY;
  const before = wallMs - calendar.offsetMs(wallMs - MS_PER_DAY);
  const after = wallMs - calendar.offsetMs(wallMs + MS_PER_DAY);
  const beforeReached = localDay(before, calendar) >= day;
  const afterReached = localDay(after, calendar) >= day;
  if (beforeReached && afterReached) return Math.min(before, after);
  return beforeReached ? before : after;
}

function isWeekday(day: number): boolean {
  // 1970-01-01 (day 0) was a Thursday; 0 = Sunday … 6 = Saturday.
  const dayOfWeek = (((day + 4) % 7) + 7) % 7;
  return dayOfWeek !== 0 && dayOfWeek !== 6;
}

function isBusinessDay(day: number, calendar: Calendar): boolean {
  return isWeekday(day) && !calendar.holidays.has(day);
}

// Business days among the whole local days first … last (none when last < first).
function wholeBusinessDays(first: number, last: number, calendar: Calendar): number {
  if (last < first) return 0;
  const span = last - first + 1;
  const fullWeeks = Math.floor(span / 7);
  let count = 5 * fullWeeks;
  for (let day = first + 7 * fullWeeks; day <= last; day++) {
    if (isWeekday(day)) count++;
  }
  for (const holiday of calendar.holidays) {
    if (holiday >= first && holiday <= last && isWeekday(holiday)) count--;
  }
  return count;
}

// Fraction of local day `day` (a business day or not) that lies in [fromMs, toMs].
function businessFraction(day: number, fromMs: number, toMs: number, calendar: Calendar): number {
  if (!isBusinessDay(day, calendar)) return 0;
  const startMs = localDayStartMs(day, calendar);
  const endMs = localDayStartMs(day + 1, calendar);
  return (Math.min(toMs, endMs) - Math.max(fromMs, startMs)) / (endMs - startMs);
}

function businessDaysBetween(fromMs: number, toMs: number, calendar: Calendar): number {
  const firstDay = localDay(fromMs, calendar);
  const lastDay = localDay(toMs, calendar);
  if (firstDay === lastDay) return businessFraction(firstDay, fromMs, toMs, calendar);
  return (
    businessFraction(firstDay, fromMs, toMs, calendar) +
    wholeBusinessDays(firstDay + 1, lastDay - 1, calendar) +
    businessFraction(lastDay, fromMs, toMs, calendar)
  );
}
