import type { Buildup } from '../schemas';
import { AnalyticsInputError, requireEach, requireNumber } from './input-checks';
import type { StrikeOpenInterest } from './max-pain';
import { optionPremium, type QuotedPrices } from './premium';

/**
 * OI build-up class from the direction of the premium and of open interest over the same interval, as
 * traders of NSE derivatives read it (price/OI table in Zerodha Varsity, Module 4 "Futures Trading",
 * ch. 12 "Open Interest"):
 *   price ↑ OI ↑ LONG_BUILDUP     fresh longs are paying up
 *   price ↓ OI ↑ SHORT_BUILDUP    fresh shorts are selling down
 *   price ↑ OI ↓ SHORT_COVERING   shorts buying back
 *   price ↓ OI ↓ LONG_UNWINDING   longs selling out
 * A change of exactly zero has no direction, so a flat price or flat OI is NEUTRAL: the convention
 * classifies only moves, and "no change" is neither side of one.
 */
export function classifyBuildup(priceChange: number, oiChange: number): Buildup {
  requireNumber(priceChange, 'priceChange', 'finite');
  requireNumber(oiChange, 'oiChange', 'finite');
  if (priceChange === 0 || oiChange === 0) return 'NEUTRAL';
  if (oiChange > 0) return priceChange > 0 ? 'LONG_BUILDUP' : 'SHORT_BUILDUP';
  return priceChange > 0 ? 'SHORT_COVERING' : 'LONG_UNWINDING';
}

/** One side's quote as build-up needs it; wire quotes fit as they are. */
export interface BuildupQuote extends QuotedPrices {
  strike: number;
  open_interest: number;
}

export interface StrikeBuildup {
  strike: number;
  oi_change: number;
  /** Change of the premium read with optionPremium (mid when two-sided, else last). */
  price_change: number;
  buildup: Buildup;
}

function quotesByStrike(quotes: readonly BuildupQuote[], list: string): Map<number, BuildupQuote> {
  requireEach(quotes, list, 'strike', 'positive');
  for (const key of ['open_interest', 'bid', 'ask', 'last'] as const) {
    requireEach(quotes, list, key, 'nonNegative');
  }
  const byStrike = new Map<number, BuildupQuote>();
  quotes.forEach((quote, i) => {
    if (byStrike.has(quote.strike)) throw new AnalyticsInputError(`${list}[${i}].strike`, 'duplicate strike');
    byStrike.set(quote.strike, quote);
  });
  return byStrike;
}

/**
 * Per-strike OI change, premium change and build-up class of one side of a chain (call with the calls,
 * again with the puts) against the previous snapshot of the same product and expiry. The result is
 * aligned with `current`. A strike absent from `previous` (or no previous snapshot at all: pass [])
 * has no known change: 0, 0, NEUTRAL.
 */
export function oiBuildup(
  current: readonly BuildupQuote[],
  previous: readonly BuildupQuote[],
): StrikeBuildup[] {
  quotesByStrike(current, 'current'); // validates, and rejects a strike listed twice
  const before = quotesByStrike(previous, 'previous');
  return current.map((quote) => {
    const earlier = before.get(quote.strike);
    if (earlier === undefined) {
      return { strike: quote.strike, oi_change: 0, price_change: 0, buildup: 'NEUTRAL' };
    }
    const oiChange = quote.open_interest - earlier.open_interest;
    const priceChange = optionPremium(quote) - optionPremium(earlier);
    return {
      strike: quote.strike,
      oi_change: oiChange,
      price_change: priceChange,
      buildup: classifyBuildup(priceChange, oiChange),
    };
  });
}

export interface OtmBuildup {
  /** Σ call OI at strikes above spot. */
  call_buildup_otm: number;
  /** Σ put OI at strikes below spot. */
  put_buildup_otm: number;
}

/**
 * The original DeltaStream `call_buildup_otm` / `put_buildup_otm`: open interest sitting out of the
 * money on each side (calls with strike > spot, puts with strike < spot; a strike exactly at spot
 * counts on neither). Despite the name these are OI levels, not changes.
 */
export function otmBuildup(
  calls: readonly StrikeOpenInterest[],
  puts: readonly StrikeOpenInterest[],
  spot: number,
): OtmBuildup {
  requireNumber(spot, 'spot', 'positive');
  requireEach(calls, 'calls', 'open_interest', 'nonNegative');
  requireEach(puts, 'puts', 'open_interest', 'nonNegative');
  let callOtm = 0;
  let putOtm = 0;
  for (const quote of calls) if (quote.strike > spot) callOtm += quote.open_interest;
  for (const quote of puts) if (quote.strike < spot) putOtm += quote.open_interest;
  return { call_buildup_otm: callOtm, put_buildup_otm: putOtm };
}
