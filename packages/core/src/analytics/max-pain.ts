import { AnalyticsInputError, invalidNumber, isFiniteNonNegative, isFinitePositive } from './input-checks';

/** Open interest at one strike; wire quotes fit as they are. */
export interface StrikeOpenInterest {
  strike: number;
  open_interest: number;
}

/**
 * What option holders would collect if the underlying settled at each candidate strike: parallel
 * arrays, ascending by strike, ready for a chart. Payouts are open interest (contracts) × intrinsic value
 * per unit of the underlying: the lot size is left out, as it scales every strike alike and cannot move the
 * minimum (× lot_size for currency).
 */
export interface PayoutCurve {
  strikes: number[];
  call_payout: number[];
  put_payout: number[];
  total_payout: number[];
}

export interface MaxPain {
  max_pain_strike: number;
  payout_curve: PayoutCurve;
}

/**
 * The strikes of one side, ascending, validating strike and open interest on the way. Chains usually
 * arrive sorted, and then no sort is needed.
 */
function ascendingStrikes(quotes: readonly StrikeOpenInterest[], list: string): Float64Array {
  const strikes = new Float64Array(quotes.length);
  let sorted = true;
  for (let i = 0; i < quotes.length; i += 1) {
    const { strike, open_interest: openInterest } = quotes[i]!;
    if (!isFinitePositive(strike)) throw invalidNumber(strike, `${list}[${i}].strike`, 'positive');
    if (!isFiniteNonNegative(openInterest)) {
      throw invalidNumber(openInterest, `${list}[${i}].open_interest`, 'nonNegative');
    }
    strikes[i] = strike;
    if (i > 0 && strike < strikes[i - 1]!) sorted = false;
  }
  return sorted ? strikes : strikes.sort();
}

/** Distinct strikes of both sides, ascending: a merge of the two sorted sides. */
function candidateStrikes(calls: Float64Array, puts: Float64Array): Float64Array {
  const merged = new Float64Array(calls.length + puts.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < calls.length || j < puts.length) {
    const next = j >= puts.length || (i < calls.length && calls[i]! <= puts[j]!) ? calls[i++]! : puts[j++]!;
    if (n === 0 || next !== merged[n - 1]) merged[n++] = next;
  }
  return merged.subarray(0, n);
}

/**
 * Position of `strike` among ascending distinct `strikes`: first a guess from the chain's usual even
 * spacing (exact on a uniform grid), then a binary search.
 */
function indexOfStrike(strikes: Float64Array, strike: number): number {
  const last = strikes.length - 1;
  const first = strikes[0]!;
  const guess = last > 0 ? Math.round(((strike - first) / (strikes[last]! - first)) * last) : 0;
  if (strikes[guess] === strike) return guess;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strikes[mid]! < strike) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Open interest summed per candidate strike; sorted quotes find theirs at or just after the last one. */
function openInterestByStrike(quotes: readonly StrikeOpenInterest[], strikes: Float64Array): Float64Array {
  const oi = new Float64Array(strikes.length);
  let k = 0;
  for (const { strike, open_interest: openInterest } of quotes) {
    if (strikes[k] !== strike) k = strikes[k + 1] === strike ? k + 1 : indexOfStrike(strikes, strike);
    oi[k]! += openInterest;
  }
  return oi;
}

/**
 * Max pain: the settlement price, among the chain's strikes, at which the total intrinsic value paid to
 * option holders is lowest, i.e. where option writers as a group lose least:
 *   payout(X) = Σ_calls OI_i·max(X − K_i, 0) + Σ_puts OI_j·max(K_j − X, 0).
 * Candidates are the distinct strikes of both sides (payout is piecewise linear in X with kinks only
 * at strikes, so its minimum over all X is attained at one). Ties go to the lowest strike. Quotes with
 * the same strike on one side add up.
 *
 * O(n log n): a sort of each side (skipped when it arrives sorted), a merge, then running sums. Below a
 * candidate X the calls pay X·ΣOI − Σ(OI·K), summed upwards; above it the puts pay Σ(OI·K) − X·ΣOI,
 * summed downwards; each candidate is then O(1) instead of the O(n) of the formula itself. With integer
 * strikes and OI the sums are exact (below 2^53), so the result equals the formula bit for bit.
 */
export function maxPain(calls: readonly StrikeOpenInterest[], puts: readonly StrikeOpenInterest[]): MaxPain {
  const strikes = candidateStrikes(ascendingStrikes(calls, 'calls'), ascendingStrikes(puts, 'puts'));
  const n = strikes.length;
  if (n === 0) throw new AnalyticsInputError('calls', 'a chain needs at least one call or put quote');
  const callOi = openInterestByStrike(calls, strikes);
  const putOi = openInterestByStrike(puts, strikes);

  const putPayout = new Float64Array(n);
  let oiAbove = 0;
  let oiStrikeAbove = 0;
  for (let k = n - 1; k >= 0; k -= 1) {
    const x = strikes[k]!;
    putPayout[k] = oiStrikeAbove - x * oiAbove;
    oiAbove += putOi[k]!;
    oiStrikeAbove += putOi[k]! * x;
  }

  const curve: PayoutCurve = { strikes: [], call_payout: [], put_payout: [], total_payout: [] };
  let best = 0;
  let bestPayout = Infinity;
  let oiBelow = 0;
  let oiStrikeBelow = 0;
  for (let k = 0; k < n; k += 1) {
    const x = strikes[k]!;
    const callPayout = x * oiBelow - oiStrikeBelow;
    const total = callPayout + putPayout[k]!;
    curve.strikes.push(x);
    curve.call_payout.push(callPayout);
    curve.put_payout.push(putPayout[k]!);
    curve.total_payout.push(total);
    if (total < bestPayout) {
      best = k;
      bestPayout = total;
    }
    oiBelow += callOi[k]!;
    oiStrikeBelow += callOi[k]! * x;
  }
  return { max_pain_strike: strikes[best]!, payout_curve: curve };
}

/** The max pain strike alone (see maxPain). */
export function maxPainStrike(
  calls: readonly StrikeOpenInterest[],
  puts: readonly StrikeOpenInterest[],
): number {
  return maxPain(calls, puts).max_pain_strike;
}
