import type { ExpiryRule, Product } from '../schemas';
import { zonedDate, zonedWallTimeToUtcMs } from './zoned-time';

const WEEKDAY_INDEX: Record<ExpiryRule['weekday'], number> = { MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5 };
const DAY_MS = 86_400_000;

function isoDate(utcMidnightMs: number): string {
  return new Date(utcMidnightMs).toISOString().slice(0, 10);
}

function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Saturday, Sunday or an exchange holiday. */
function isNonTradingDay(utcMidnightMs: number, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(utcMidnightMs).getUTCDay();
  return weekday === 0 || weekday === 6 || holidays.has(isoDate(utcMidnightMs));
}

/** The date `days` calendar days after `date` (before it when negative), both YYYY-MM-DD. */
export function addCalendarDays(date: string, days: number): string {
  return isoDate(dateMs(date) + days * DAY_MS);
}

/**
 * The exchange's trading dates from `from` through `through` (YYYY-MM-DD local dates, both included),
 * ascending: every weekday that is not one of `holidays`. Empty when `through` is before `from`.
 */
export function tradingDates(from: string, through: string, holidays: readonly string[]): string[] {
  const closed = new Set(holidays);
  const dates: string[] = [];
  for (let day = dateMs(from); day <= dateMs(through); day += DAY_MS) {
    if (!isNonTradingDay(day, closed)) dates.push(isoDate(day));
  }
  return dates;
}

/** Exchanges move an expiry that falls on a holiday to the previous trading day. */
function rollBackToTradingDay(utcMidnightMs: number, holidays: ReadonlySet<string>): number {
  let day = utcMidnightMs;
  while (isNonTradingDay(day, holidays)) day -= DAY_MS;
  return day;
}

function monthlyExpiryMs(year: number, month: number, rule: ExpiryRule): number {
  const target = WEEKDAY_INDEX[rule.weekday];
  if (rule.monthly_occurrence === 'last') {
    const lastDay = Date.UTC(year, month + 1, 0);
    const back = (new Date(lastDay).getUTCDay() - target + 7) % 7;
    return lastDay - back * DAY_MS;
  }
  const firstDay = Date.UTC(year, month, 1);
  const forward = (target - new Date(firstDay).getUTCDay() + 7) % 7;
  return firstDay + (forward + 7 * (rule.monthly_occurrence - 1)) * DAY_MS;
}

/** The instant (UTC ms) at which a series of `product` expiring on `expiry` stops trading. */
export function expiryInstantMs(
  product: Pick<Product, 'time_zone'> & { expiry_rule: Pick<ExpiryRule, 'expiry_time'> },
  expiry: string,
): number {
  return zonedWallTimeToUtcMs(expiry, product.expiry_rule.expiry_time, product.time_zone);
}

/**
 * The live expiries of `product` at `nowMs`, ascending: the next `weekly` weekly expiries and the next
 * `monthly` monthly ones (a monthly that is also one of the weeklies is listed once). An expiry is
 * live until its expiry instant.
 */
export function listExpiries(
  product: Pick<Product, 'time_zone' | 'expiry_rule' | 'holidays'>,
  nowMs: number,
): string[] {
  const rule = product.expiry_rule;
  const holidays = new Set(product.holidays);
  const isLive = (day: number) => expiryInstantMs(product, isoDate(day)) > nowMs;
  const today = dateMs(zonedDate(nowMs, product.time_zone));
  const expiries = new Set<string>();

  const target = WEEKDAY_INDEX[rule.weekday];
  let weekly = today + ((target - new Date(today).getUTCDay() + 7) % 7) * DAY_MS;
  for (let found = 0; found < rule.weekly; weekly += 7 * DAY_MS) {
    const day = rollBackToTradingDay(weekly, holidays);
    if (isLive(day)) {
      expiries.add(isoDate(day));
      found += 1;
    }
  }

  const start = new Date(today);
  for (let found = 0, m = 0; found < rule.monthly; m += 1) {
    const year = start.getUTCFullYear() + Math.floor((start.getUTCMonth() + m) / 12);
    const month = (start.getUTCMonth() + m) % 12;
    const day = rollBackToTradingDay(monthlyExpiryMs(year, month, rule), holidays);
    if (isLive(day)) {
      expiries.add(isoDate(day));
      found += 1;
    }
  }
  return [...expiries].sort();
}
