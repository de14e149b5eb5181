import type { Buildup } from '../schemas';
import { requireEach, requireNumber } from './input-checks';
import type { StrikeOpenInterest } from './max-pain';

/**
 * OI build-up class from the direction of the premium and of open interest over the same interval, as
 * traders of NSE derivatives read it (price/OI table in Zerodha Varsity, Module 4 "Futures Trading",
 * ch. 12 "Open Interest"):
 *   price ↑ OI ↑ LONG_BUILDUP     fresh longs are paying up
 *   price ↓ OI ↑ SHORT_BUILDUP    fresh shorts are selling down
 *   price ↑ OI ↓ SHORT_COVERING   shorts buying back
 *   price ↓ OI ↓ LONG_UNWINDING   longs selling out
 * A change of exactly zero has no direction, so a flat price or flat OI is NEUTRAL: the convention
 * classifies only moves, and "no change" is neither side of one. An unknown price change (null: a side
 * had no price) has no direction either.
 */
export function classifyBuildup(priceChange: number | null, oiChange: number): Buildup {
  requireNumber(oiChange, 'oiChange', 'finite');
  if (priceChange === null) return 'NEUTRAL';
  requireNumber(priceChange, 'priceChange', 'finite');
  if (priceChange === 0 || oiChange === 0) return 'NEUTRAL';
  if (oiChange > 0) return priceChange > 0 ? 'LONG_BUILDUP' : 'SHORT_BUILDUP';
  return priceChange > 0 ? 'SHORT_COVERING' : 'LONG_UNWINDING';
}

/**
 * One contract at one moment, as its changes are measured: open interest in contracts, and the premium
 * read with optionPremium (mid when two-sided, else last; 0 when it has no price at all).
 */
export interface ContractBase {
  open_interest: number;
  premium: number;
}

/**
 * The premium's change from `before` to `after`, null when either has no price (premium 0): a quote
 * going from or to "no price" says nothing about where the price went.
 */
export function premiumChange(after: number, before: number): number | null {
  return after > 0 && before > 0 ? after - before : null;
}

export interface ContractChange {
  oi_change: number;
  price_change: number | null;
  buildup: Buildup;
}

/**
 * OI change, premium change and build-up class of one contract from `base` to `current`: the one
 * definition behind every served change (the worker's and POST /api/analytics/analyze's alike).
 */
export function contractChange(current: ContractBase, base: ContractBase): ContractChange {
  const oiChange = current.open_interest - base.open_interest;
  const priceChange = premiumChange(current.premium, base.premium);
  return { oi_change: oiChange, price_change: priceChange, buildup: classifyBuildup(priceChange, oiChange) };
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
