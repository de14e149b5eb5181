import { AnalyticsInputError } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import {
  markToMarket,
  pnlAt,
  prepareStrategy,
  strategyMarketFromChains,
  valueStrategyAt,
  type Strategy,
  type StrategyModel,
  type StrategyProduct,
} from '@deltastream/core/strategy';
import type { LiveStrategyPnl } from '../contracts/strategies';
import { chainQuote } from '../contracts/strategy-legs';

/**
 * A saved strategy against `chains`, the latest chain of each live expiry of its product (see
 * LiveStrategyPnlSchema): each leg marked at its quote's premium (`mid`: the mid when two-sided, else the
 * last trade; 0 is no price) or, for an underlying leg, at spot; and the P&L at the nearest expiry at
 * today's spot with later legs at the chain's IV of their contract. Null without any chain.
 */
export function liveStrategyPnl(
  strategy: Strategy,
  product: StrategyProduct,
  chains: readonly EnrichedChain[],
): LiveStrategyPnl | null {
  if (chains.length === 0) return null;
  const market = strategyMarketFromChains(chains);
  const quotes = strategy.legs.map((leg) =>
    leg.kind === 'option'
      ? chainQuote(
          chains.find((chain) => chain.expiry === leg.expiry),
          leg.option_type,
          leg.strike,
        )
      : undefined,
  );
  const marks = strategy.legs.map((leg, i) => {
    if (leg.kind === 'underlying') return market.spot_price;
    const premium = quotes[i]?.mid ?? 0;
    return premium > 0 ? premium : null;
  });
  const now: Strategy = {
    ...strategy,
    legs: strategy.legs.map((leg, i) =>
      leg.kind === 'option' ? { ...leg, iv: quotes[i]?.iv ?? leg.iv } : leg,
    ),
  };
  let model: StrategyModel;
  try {
    model = prepareStrategy(now, product, market);
  } catch (error) {
    // A leg has expired: the position is no longer what was saved, so neither total is given.
    if (!(error instanceof AnalyticsInputError)) throw error;
    return {
      as_of: market.as_of,
      spot_price: market.spot_price,
      legs: marks.map((mark) => ({ mark, pnl: null })),
      mark_to_market_pnl: null,
      pnl_at_expiry_at_spot: null,
    };
  }
  const marked = markToMarket(model, marks);
  return {
    as_of: market.as_of,
    spot_price: market.spot_price,
    legs: marks.map((mark, i) => ({ mark, pnl: marked.legs[i] ?? null })),
    mark_to_market_pnl: marked.total,
    pnl_at_expiry_at_spot: pnlAt(valueStrategyAt(model, model.nearestExpiryMs), model.spot),
  };
}
