// Realised (historical) volatility of the underlying from daily candles, annualised decimals (0.2 = 20%).
//
// Close-to-close: the sample standard deviation (n − 1) of the daily log returns ln(Cᵢ / Cᵢ₋₁), times
// √252 (Hull, "Options, Futures, and Other Derivatives", 8th ed., Ch. 15, "Estimating volatility from
// historical data").
// Parkinson: σ² = 1/(4 ln 2) · mean(ln(Hᵢ / Lᵢ)²), times 252 (M. Parkinson, "The Extreme Value Method
// for Estimating the Variance of the Rate of Return", Journal of Business 53(1), 1980, pp. 61–65). It
// uses the day's range, so it is about five times as efficient as close-to-close but misses the
// overnight gap and reads low when prices move in ticks.
//
// Annualisation: a daily candle is a trading day, so a year holds about 252 of them whatever the
// product's day count (a year of returns is the same year under ACT/365 and BUS/252). The weekend
// between Friday's and Monday's close adds little variance beyond one trading day's (French and Roll,
// "Stock return variances: the arrival of information and the reaction of traders", Journal of
// Financial Economics 17, 1986), which is why close-to-close volatility is annualised by trading days
// (Hull, Ch. 15, "Trading days vs. calendar days") and is comparable, so annualised, to an IV quoted under either day count.
//
// Windows are counted in candles: the N-day close-to-close volatility uses N returns (N + 1 closes) and
// the N-day Parkinson volatility the last N ranges, both ending at the same candle. A missing trading
// day simply makes the next return span two days.

import { DAYS_PER_YEAR } from '../pricing';
import type { Candle, RealisedVolPoint } from '../schemas';
import { zonedDate } from '../calendar';
import {
  AnalyticsInputError,
  invalidNumber,
  isFinitePositive,
  requireNumber,
  requireTimeZone,
} from '../analytics/input-checks';

/** Trading days per year, the annualisation of daily returns. */
export const TRADING_DAYS_PER_YEAR = DAYS_PER_YEAR['BUS/252'];
/** The windows (trading days) a trader reads realised volatility over. */
export const REALISED_VOL_WINDOWS_DAYS: readonly number[] = [10, 20, 60];
/**
 * The realised volatility the 30-day IV is compared with: 20 trading days span about 28–30 calendar
 * days, the horizon the 30-day IV prices.
 */
export const IV_RV_SPREAD_WINDOW_DAYS = 20;

const DAY_SECONDS = 86_400;
const PARKINSON_FACTOR = 1 / (4 * Math.LN2);

// Unchecked kernels over [from, to) of validated arrays.

function closeToCloseOf(closes: readonly number[], from: number, to: number): number {
  const count = to - from - 1;
  let mean = 0;
  for (let i = from + 1; i < to; i += 1) mean += Math.log(closes[i]! / closes[i - 1]!);
  mean /= count;
  let sumSquares = 0;
  for (let i = from + 1; i < to; i += 1) sumSquares += (Math.log(closes[i]! / closes[i - 1]!) - mean) ** 2;
  return Math.sqrt((sumSquares / (count - 1)) * TRADING_DAYS_PER_YEAR);
}

function parkinsonOf(highs: readonly number[], lows: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 1) sum += Math.log(highs[i]! / lows[i]!) ** 2;
  return Math.sqrt(((PARKINSON_FACTOR * sum) / (to - from)) * TRADING_DAYS_PER_YEAR);
}

/**
 * Annualised close-to-close volatility of consecutive daily closes (oldest first); at least 3 closes,
 * since a sample standard deviation needs two returns.
 */
export function closeToCloseVol(closes: readonly number[]): number {
  if (closes.length < 3) {
    throw new AnalyticsInputError('closes', `needs at least 3 closes (2 returns), got ${closes.length}`);
  }
  closes.forEach((close, i) => requireNumber(close, `closes[${i}]`, 'positive'));
  return closeToCloseOf(closes, 0, closes.length);
}

/** Annualised Parkinson volatility of daily high/low ranges (any order); at least one candle. */
export function parkinsonVol(candles: readonly { high: number; low: number }[]): number {
  if (candles.length === 0) throw new AnalyticsInputError('candles', 'must not be empty');
  candles.forEach((candle, i) => requireRange(candle, i));
  return parkinsonOf(
    candles.map((candle) => candle.high),
    candles.map((candle) => candle.low),
    0,
    candles.length,
  );
}

function requireRange(candle: { high: number; low: number }, i: number): void {
  requireNumber(candle.high, `candles[${i}].high`, 'positive');
  requireNumber(candle.low, `candles[${i}].low`, 'positive');
  if (candle.high < candle.low) {
    throw new AnalyticsInputError(`candles[${i}].high`, `must be ≥ low (${candle.low}), got ${candle.high}`);
  }
}

/** What realised volatility reads of a daily candle; a stored Candle fits as it is. */
export type DailyCandle = Pick<Candle, 'bucket_start' | 'interval_seconds' | 'high' | 'low' | 'close'>;

export interface RealisedVolOptions {
  /** The exchange's IANA time zone, the one the daily candles were bucketed in: it dates the points. */
  timeZone: string;
  /** Window lengths in trading days (each ≥ 2); default 10, 20 and 60. */
  windows?: readonly number[];
}

interface DailySeries {
  dates: string[];
  highs: number[];
  lows: number[];
  closes: number[];
  windows: readonly number[];
}

function dailySeries(candles: readonly DailyCandle[], options: RealisedVolOptions): DailySeries {
  const { timeZone, windows = REALISED_VOL_WINDOWS_DAYS } = options;
  requireTimeZone(timeZone);
  windows.forEach((window, i) => {
    if (!Number.isInteger(window) || window < 2) {
      throw new AnalyticsInputError(`windows[${i}]`, `must be a whole number of days ≥ 2, got ${window}`);
    }
    if (windows.indexOf(window) < i) throw new AnalyticsInputError(`windows[${i}]`, 'duplicate window');
  });
  const parsed = candles.map((candle, i) => {
    if (candle.interval_seconds !== DAY_SECONDS) {
      throw new AnalyticsInputError(
        `candles[${i}].interval_seconds`,
        `must be ${DAY_SECONDS} (daily candles), got ${candle.interval_seconds}`,
      );
    }
    const ms = Date.parse(candle.bucket_start);
    if (!Number.isFinite(ms)) {
      throw new AnalyticsInputError(
        `candles[${i}].bucket_start`,
        `must be an ISO-8601 date-time, got ${candle.bucket_start}`,
      );
    }
    requireRange(candle, i);
    if (!isFinitePositive(candle.close)) throw invalidNumber(candle.close, `candles[${i}].close`, 'positive');
    return { ms, index: i, candle };
  });
  parsed.sort((a, b) => a.ms - b.ms);
  const series: DailySeries = {
    dates: [],
    highs: [],
    lows: [],
    closes: [],
    windows: [...windows].sort((a, b) => a - b),
  };
  for (const { ms, index, candle } of parsed) {
    const date = zonedDate(ms, timeZone);
    if (series.dates[series.dates.length - 1] === date) {
      throw new AnalyticsInputError(`candles[${index}].bucket_start`, `a second candle on ${date}`);
    }
    series.dates.push(date);
    series.highs.push(candle.high);
    series.lows.push(candle.low);
    series.closes.push(candle.close);
  }
  return series;
}

function pointAt(series: DailySeries, end: number, window: number): RealisedVolPoint {
  return {
    date: series.dates[end]!,
    window_days: window,
    close_to_close: closeToCloseOf(series.closes, end - window, end + 1),
    parkinson: parkinsonOf(series.highs, series.lows, end - window + 1, end + 1),
  };
}

/**
 * Rolling realised volatility from daily candles (any order, one per exchange date): for each window N
 * and each candle with N candles before it, the N-day close-to-close and Parkinson volatilities ending
 * on that candle's date. Ascending by date, then by window. Pass settled days only if a still-open day
 * should not count.
 */
export function realisedVolSeries(
  candles: readonly DailyCandle[],
  options: RealisedVolOptions,
): RealisedVolPoint[] {
  const series = dailySeries(candles, options);
  const points: RealisedVolPoint[] = [];
  for (let end = 0; end < series.dates.length; end += 1) {
    for (const window of series.windows) {
      if (end >= window) points.push(pointAt(series, end, window));
    }
  }
  return points;
}

/** The last point of realisedVolSeries for each window that has enough candles, ascending by window. */
export function latestRealisedVol(
  candles: readonly DailyCandle[],
  options: RealisedVolOptions,
): RealisedVolPoint[] {
  const series = dailySeries(candles, options);
  const end = series.dates.length - 1;
  return series.windows.filter((window) => end >= window).map((window) => pointAt(series, end, window));
}

/**
 * Implied minus realised volatility in vol points (both annualised decimals: 0.18 − 0.15 → 3). Positive
 * when options price more movement than the underlying has shown. The platform pairs the 30-day IV with
 * the IV_RV_SPREAD_WINDOW_DAYS close-to-close volatility.
 */
export function ivRvSpreadPoints(iv: number, realisedVol: number): number {
  requireNumber(iv, 'iv', 'nonNegative');
  requireNumber(realisedVol, 'realisedVol', 'nonNegative');
  return 100 * (iv - realisedVol);
}
