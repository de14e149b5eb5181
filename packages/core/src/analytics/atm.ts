import { AnalyticsInputError, requireNumber } from './input-checks';
import { meanOfPresent, presentIv, type StrikeIv } from './iv-smile';
import { optionPremium, type QuotedPrices } from './premium';

/**
 * The at-the-money strike: the strike nearest to spot, the lower one on a tie (spot exactly between two
 * strikes). Strikes need not be sorted. Throws on an empty list or a non-positive spot or strike.
 */
export function atmStrike(strikes: readonly number[], spot: number): number {
  requireNumber(spot, 'spot', 'positive');
  let best: number | undefined;
  let bestDistance = Infinity;
  for (let i = 0; i < strikes.length; i += 1) {
    const strike = strikes[i]!;
    requireNumber(strike, `strikes[${i}]`, 'positive');
    const distance = Math.abs(strike - spot);
    if (distance < bestDistance || (distance === bestDistance && strike < best!)) {
      best = strike;
      bestDistance = distance;
    }
  }
  if (best === undefined) throw new AnalyticsInputError('strikes', 'must not be empty');
  return best;
}

export interface StrikeQuote extends QuotedPrices {
  strike: number;
}

/**
 * Call premium + put premium at `strike` (both read with optionPremium: mid when two-sided, else last).
 * Null when the chain has no call or no put quote at that strike, or when either leg has no price (a
 * premium of 0: no trade and no two-sided market): one leg alone is not a straddle.
 */
export function atmStraddlePrice(
  calls: readonly StrikeQuote[],
  puts: readonly StrikeQuote[],
  strike: number,
): number | null {
  const callIndex = calls.findIndex((quote) => quote.strike === strike);
  const putIndex = puts.findIndex((quote) => quote.strike === strike);
  if (callIndex < 0 || putIndex < 0) return null;
  const call = premiumAt(calls, 'calls', callIndex);
  const put = premiumAt(puts, 'puts', putIndex);
  return call > 0 && put > 0 ? call + put : null;
}

function premiumAt(quotes: readonly StrikeQuote[], list: string, index: number): number {
  const quote = quotes[index]!;
  for (const key of ['bid', 'ask', 'last'] as const) {
    requireNumber(quote[key], `${list}[${index}].${key}`, 'nonNegative');
  }
  return optionPremium(quote);
}

/**
 * The ATM straddle as a percentage of spot (1.5 = 1.5%). We report the straddle price itself as the
 * market's expected move to expiry, as traders quote it. Under Black-Scholes the ATM straddle is
 * ≈ √(2/π)·σ·S·√T ≈ 0.8·σ·S·√T (Brenner & Subrahmanyam, "A simple formula to compute the implied
 * standard deviation", Financial Analysts Journal 44(5), 1988), i.e. about 0.8 of a one-standard-deviation
 * move. Undiscounted, a straddle struck at the forward is exactly the risk-neutral expected absolute move
 * E|S_T − F| whatever the distribution, which is why it is read as "the move priced in". No 0.8 or 1.25
 * factor is applied.
 */
export function impliedMovePct(straddlePrice: number, spot: number): number {
  requireNumber(straddlePrice, 'straddlePrice', 'nonNegative');
  requireNumber(spot, 'spot', 'positive');
  return (100 * straddlePrice) / spot;
}

/**
 * Implied volatility at the ATM strike: the mean of the call and put IVs there, or the one that exists;
 * null when neither leg has an IV (or no quote sits at that strike). An IV of 0 counts as none (see
 * presentIv), so a leg without time value never drags the mean towards 0.
 */
export function atmIv(calls: readonly StrikeIv[], puts: readonly StrikeIv[], strike: number): number | null {
  return meanOfPresent(ivAt(calls, 'calls', strike), ivAt(puts, 'puts', strike));
}

function ivAt(quotes: readonly StrikeIv[], list: string, strike: number): number | null {
  const index = quotes.findIndex((quote) => quote.strike === strike);
  if (index < 0) return null;
  const { iv } = quotes[index]!;
  requireNumber(iv, `${list}[${index}].iv`, 'nonNegativeOrNull');
  return presentIv(iv);
}
