import { AnalyticsInputError, requireEach, requireNumber } from './input-checks';

/** Implied volatility at one strike (null when the price carried none); wire quotes fit as they are. */
export interface StrikeIv {
  strike: number;
  iv: number | null;
}

/**
 * The volatility smile of one expiry as parallel arrays over ascending strikes (the shape IvSurface
 * uses for each of its rows). A missing point is null, never 0 or NaN (see presentIv).
 */
export interface IvSmile {
  strikes: number[];
  call_iv: (number | null)[];
  put_iv: (number | null)[];
  /** Puts below spot, calls above, the mean of both at a strike equal to spot: see ivSmile. */
  otm_iv: (number | null)[];
}

/**
 * The IV as a point of a smile or an average: a positive volatility, else null. 0 is what a price with no
 * time value solves to (at intrinsic, or no price at all): such a quote says nothing about volatility,
 * so it is a missing point, never a dip to 0.
 */
export function presentIv(iv: number | null): number | null {
  return iv !== null && iv > 0 ? iv : null;
}

function ivByStrike(quotes: readonly StrikeIv[], list: string): Map<number, number | null> {
  requireEach(quotes, list, 'strike', 'positive');
  requireEach(quotes, list, 'iv', 'nonNegativeOrNull');
  const byStrike = new Map<number, number | null>();
  quotes.forEach((quote, i) => {
    if (byStrike.has(quote.strike)) throw new AnalyticsInputError(`${list}[${i}].strike`, 'duplicate strike');
    byStrike.set(quote.strike, presentIv(quote.iv));
  });
  return byStrike;
}

/** The mean of the IVs that exist, null when neither does. */
export function meanOfPresent(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return (a + b) / 2;
}

/**
 * Call, put and out-of-the-money IV by strike for one expiry. The OTM smile follows the market
 * convention of quoting each strike from its out-of-the-money option, which is the liquid one and
 * whose price is mostly time value (so its IV is well determined): puts below spot, calls above, and
 * at a strike equal to spot the mean of both (or the one that exists). An OTM point whose option has
 * no IV stays null; the in-the-money IV is not substituted.
 */
export function ivSmile(calls: readonly StrikeIv[], puts: readonly StrikeIv[], spot: number): IvSmile {
  requireNumber(spot, 'spot', 'positive');
  const callIv = ivByStrike(calls, 'calls');
  const putIv = ivByStrike(puts, 'puts');
  const strikes = [...new Set([...callIv.keys(), ...putIv.keys()])].sort((a, b) => a - b);
  const smile: IvSmile = { strikes, call_iv: [], put_iv: [], otm_iv: [] };
  for (const strike of strikes) {
    const call = callIv.get(strike) ?? null;
    const put = putIv.get(strike) ?? null;
    smile.call_iv.push(call);
    smile.put_iv.push(put);
    smile.otm_iv.push(strike < spot ? put : strike > spot ? call : meanOfPresent(call, put));
  }
  return smile;
}
