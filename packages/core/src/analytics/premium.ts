/** The prices a quote carries (wire names); DeltaStream quotes fit as they are. */
export interface QuotedPrices {
  bid: number;
  ask: number;
  last: number;
}

/**
 * The premium every analytic reads from a quote (IV, ATM straddle, price change and build-up): the mid
 * (bid + ask) / 2 when both sides are quoted (bid > 0 and ask > 0, 0 meaning "no quote" on the wire),
 * else the last traded price. The mid is the market's current two-sided value; the last trade can be
 * minutes old on an illiquid strike, so it is only the fallback. 0 (no two-sided market and no trade)
 * means the quote has no price: no IV, no straddle, no price change.
 */
export function optionPremium(quote: QuotedPrices): number {
  return quote.bid > 0 && quote.ask > 0 ? (quote.bid + quote.ask) / 2 : quote.last;
}
