// IV rank and IV percentile: where today's implied volatility sits in its own past year.
//
// IV rank = (current − low) / (high − low) × 100, with low and high taken over the lookback and today, so
// a new high reads 100 and a new low 0 (tastytrade's and Barchart's "IV Rank": the current IV's position
// in its 52-week range).
// IV percentile = the share of days in the lookback whose IV was strictly below the current IV, × 100
// (tastytrade's "IV Percentile" and Sensibull's IVP: the percentage of days over the past year on which
// IV was below today's; Barchart counts the days IV closed below it over the prior year). Strict, so a
// day equal to today's IV does not count: a flat history reads 0, not 100.
//
// The lookback is the `lookbackDays` daily values before today (default 252, a year of trading days);
// today's value is passed on its own. Below `minHistoryDays` values (default 20, about a month) the
// high and low are an accident of the first weeks of data, so neither measure is reported.

import type { IvRank } from '../schemas';
import { AnalyticsInputError, requireNumber } from '../analytics/input-checks';

export interface IvRankOptions {
  /** Daily values before today that the measures look back over; default 252. */
  lookbackDays?: number;
  /** Fewer values than this in the lookback → both measures null; default 20. */
  minHistoryDays?: number;
}

export const IV_RANK_LOOKBACK_DAYS = 252;
export const IV_RANK_MIN_HISTORY_DAYS = 20;

function requireWholeDays(value: number, field: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new AnalyticsInputError(field, `must be a whole number of days ≥ ${min}, got ${value}`);
  }
}

/**
 * IV rank and percentile of `currentIv` against `history`: the daily IVs (annualised decimals, e.g. the
 * iv_30d of DailyIvPoints) of the days before today, oldest first, one per trading day, today excluded.
 * Only the last `lookbackDays` of them count.
 */
export function ivRankAndPercentile(
  history: readonly number[],
  currentIv: number,
  options: IvRankOptions = {},
): IvRank {
  const { lookbackDays = IV_RANK_LOOKBACK_DAYS, minHistoryDays = IV_RANK_MIN_HISTORY_DAYS } = options;
  requireWholeDays(lookbackDays, 'lookbackDays', 1);
  requireWholeDays(minHistoryDays, 'minHistoryDays', 1);
  requireNumber(currentIv, 'currentIv', 'nonNegative');
  const first = Math.max(0, history.length - lookbackDays);
  let low = currentIv;
  let high = currentIv;
  let below = 0;
  for (let i = first; i < history.length; i += 1) {
    const iv = history[i]!;
    requireNumber(iv, `history[${i}]`, 'nonNegative');
    if (iv < low) low = iv;
    if (iv > high) high = iv;
    if (iv < currentIv) below += 1;
  }
  const days = history.length - first;
  const result = { current_iv: currentIv, history_days: days, low_iv: low, high_iv: high };
  if (days < minHistoryDays) {
    return { ...result, iv_rank: null, iv_percentile: null, reason: 'insufficient_history' };
  }
  const percentile = (100 * below) / days;
  if (high === low) return { ...result, iv_rank: null, iv_percentile: percentile, reason: 'zero_range' };
  // Divide before scaling: (c − low)/(high − low) is exactly 1 at a new high, so the rank stays ≤ 100.
  const rank = ((currentIv - low) / (high - low)) * 100;
  return { ...result, iv_rank: rank, iv_percentile: percentile, reason: null };
}
