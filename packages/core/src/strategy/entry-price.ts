import { optionPremium, type QuotedPrices } from '../analytics';
import type { TradeSide } from './strategy-schema';

/**
 * The premium a leg is entered at from a live quote: a buy pays the ask and a sell receives the bid when
 * the quote is two-sided (bid > 0 and ask > 0), the price a market order fills at; otherwise the quote's
 * premium (optionPremium: the last trade). The spread is a real cost of entering, so a strategy entered
 * this way shows it at once: its P&L today at the market's IVs (solved from mids) is minus half the
 * spread on every leg.
 */
export function entryPrice(quote: QuotedPrices, side: TradeSide): number {
  if (quote.bid > 0 && quote.ask > 0) return side === 'BUY' ? quote.ask : quote.bid;
  return optionPremium(quote);
}
