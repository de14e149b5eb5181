// Constant-maturity ATM implied volatility: the ATM IV that an expiry exactly `targetDays` calendar days
// away would have, read from the ATM IVs of the expiries actually listed at one instant.
//
// Method: the step of the Cboe VIX methodology that reaches a constant 30 days (Cboe, "The CBOE Volatility
// Index – VIX" white paper, 2003 and later editions, Step 3: "Calculate the 30-day weighted average of
// σ1² and σ2²"): total implied variance w = σ²·T is interpolated linearly in T between the two expiries around the
// target, and σ_target = √(w(T_target) / T_target). Interpolating total variance, not σ, keeps the
// variance accrued between the two expiries (the forward variance) constant, which is what an option
// expiring in between is priced on.
//
// Time axis: each chain's own `time_to_expiry_years`, in the product's day count. That is the T its ATM IV
// was solved with, so σ²·T is the variance the option price carries whatever the day count. The target is
// `targetDays` calendar days as a year fraction, targetDays / 365, in either day count: a year is a year,
// so under ACT/365 this is exactly 30 calendar days (VIX measures time in calendar minutes) and under
// BUS/252 it is 30·252/365 ≈ 20.7 business days, the business days an average 30-calendar-day span
// holds. Counting the business days of the actual next 30 calendar days instead (20 to 22 depending on
// weekends and holidays) would make the series jump with the weekday when nothing in the market moved.
//
// Near expiries: an expiry less than `minDaysToExpiry` calendar days away (default 7) is left out. The
// 2003 VIX white paper requires the near-term options to have at least one week to expiration, because
// prices close to expiration carry anomalies, and rolls to the next two expiries otherwise; since 2014
// VIX uses expiries between 23 and 37 days away. An expiry without an ATM IV is skipped.
//
// Outside the listed expiries the volatility is extrapolated flat, as QuantLib's BlackVarianceCurve does
// (blackVarianceImpl): before the first expiry total variance runs linearly from w(0) = 0, so σ is the
// first expiry's; after the last, w(T) = w_last · T / T_last, so σ is the last expiry's. Flat
// extrapolation never produces a negative variance, unlike extending the line through the two nearest
// expiries (as the pre-2014 VIX did after rolling), which also multiplies the noise in their difference
// by the distance extrapolated.

import { DAYS_PER_YEAR } from '../pricing';
import { ExpiryDateSchema } from '../schemas';
import { AnalyticsInputError, requireNumber } from '../analytics/input-checks';

/** ATM IV of one expiry at an instant; an EnrichedChain fits as it is. */
export interface ExpiryAtmIv {
  /** YYYY-MM-DD in the exchange's time zone. */
  expiry: string;
  /** Time to expiry in the product's day count (the T its IV was solved with); 0 once expired. */
  time_to_expiry_years: number;
  /** Annualised decimal (0.2 = 20%); null when the chain had none. */
  atm_iv: number | null;
}

export interface ConstantMaturityIv {
  /** Annualised decimal. */
  iv: number;
  /**
   * interpolated: between near_expiry (T ≤ target) and far_expiry (T > target);
   * flat_before_first: every usable expiry is beyond the target, σ of far_expiry;
   * flat_after_last: every usable expiry is at or before the target, σ of near_expiry.
   */
  method: 'interpolated' | 'flat_before_first' | 'flat_after_last';
  near_expiry: string | null;
  far_expiry: string | null;
}

export interface ConstantMaturityOptions {
  /** Expiries fewer calendar days away are left out; default 7. */
  minDaysToExpiry?: number;
}

/** The maturity of the headline constant-maturity IV (iv_30d), in calendar days. */
export const IV_30D_DAYS = 30;
export const MIN_DAYS_TO_EXPIRY = 7;

/** Calendar days as a year fraction, the same length of year under ACT/365 and BUS/252 (see above). */
export function calendarDaysToYears(days: number): number {
  return days / DAYS_PER_YEAR['ACT/365'];
}

/**
 * `expiries` validated and sorted by expiry date. Dates must be YYYY-MM-DD and distinct, times to expiry
 * finite and ≥ 0 and, among unexpired ones, increasing with the date (a list mixing chains of different
 * instants fails here), IVs null or finite and ≥ 0. `list` names the input in errors.
 */
export function checkedExpiries<T extends ExpiryAtmIv>(expiries: readonly T[], list: string): T[] {
  const seen = new Set<string>();
  expiries.forEach((item, i) => {
    if (!ExpiryDateSchema.safeParse(item.expiry).success) {
      throw new AnalyticsInputError(
        `${list}[${i}].expiry`,
        `must be a date as YYYY-MM-DD, got ${item.expiry}`,
      );
    }
    if (seen.has(item.expiry)) throw new AnalyticsInputError(`${list}[${i}].expiry`, 'duplicate expiry');
    seen.add(item.expiry);
    requireNumber(item.time_to_expiry_years, `${list}[${i}].time_to_expiry_years`, 'nonNegative');
    requireNumber(item.atm_iv, `${list}[${i}].atm_iv`, 'nonNegativeOrNull');
  });
  const sorted = [...expiries].sort((a, b) => (a.expiry < b.expiry ? -1 : 1));
  let previous: T | undefined;
  for (const item of sorted) {
    if (item.time_to_expiry_years === 0) continue;
    if (previous !== undefined && item.time_to_expiry_years <= previous.time_to_expiry_years) {
      throw new AnalyticsInputError(
        `${list}[${expiries.indexOf(item)}].time_to_expiry_years`,
        `must exceed that of the earlier expiry ${previous.expiry}`,
      );
    }
    previous = item;
  }
  return sorted;
}

/**
 * The ATM IV at a constant maturity of `targetDays` calendar days (default 30) from the ATM IVs of the
 * expiries listed at one instant, in any order. Null when no expiry has an ATM IV and at least
 * `minDaysToExpiry` days left. Throws AnalyticsInputError on malformed input (see checkedExpiries).
 */
export function constantMaturityAtmIv(
  expiries: readonly ExpiryAtmIv[],
  targetDays: number = IV_30D_DAYS,
  options: ConstantMaturityOptions = {},
): ConstantMaturityIv | null {
  const { minDaysToExpiry = MIN_DAYS_TO_EXPIRY } = options;
  requireNumber(targetDays, 'targetDays', 'positive');
  requireNumber(minDaysToExpiry, 'minDaysToExpiry', 'nonNegative');
  const target = calendarDaysToYears(targetDays);
  const minYears = calendarDaysToYears(minDaysToExpiry);
  const usable = checkedExpiries(expiries, 'expiries').filter(
    (item): item is ExpiryAtmIv & { atm_iv: number } =>
      item.atm_iv !== null && item.time_to_expiry_years > 0 && item.time_to_expiry_years >= minYears,
  );
  if (usable.length === 0) return null;
  const farIndex = usable.findIndex((item) => item.time_to_expiry_years > target);
  if (farIndex === 0) {
    const first = usable[0]!;
    return { iv: first.atm_iv, method: 'flat_before_first', near_expiry: null, far_expiry: first.expiry };
  }
  if (farIndex < 0) {
    const last = usable[usable.length - 1]!;
    return { iv: last.atm_iv, method: 'flat_after_last', near_expiry: last.expiry, far_expiry: null };
  }
  const near = usable[farIndex - 1]!;
  const far = usable[farIndex]!;
  const nearVariance = near.atm_iv ** 2 * near.time_to_expiry_years;
  const farVariance = far.atm_iv ** 2 * far.time_to_expiry_years;
  const weight =
    (target - near.time_to_expiry_years) / (far.time_to_expiry_years - near.time_to_expiry_years);
  const variance = nearVariance + (farVariance - nearVariance) * weight;
  return {
    iv: Math.sqrt(variance / target),
    method: 'interpolated',
    near_expiry: near.expiry,
    far_expiry: far.expiry,
  };
}
