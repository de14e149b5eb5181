import { AnalyticsInputError } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import {
  analyzeStrategy,
  daysToNearestExpiry,
  defaultPriceGrid,
  prepareStrategy,
  strategyMarketFromChains,
  type PriceGrid,
  type Strategy,
  type StrategyAnalysis,
  type StrategyMarket,
  type StrategyProduct,
  type StrategyScenario,
} from '@deltastream/core/strategy';

/** The builder's numbers: core's analysis of the strategy in the market of its legs' latest chains. */
export type StrategyValuation =
  | { ok: true; analysis: StrategyAnalysis; market: StrategyMarket; grid: PriceGrid }
  | { ok: false; message: string };

/**
 * Values `strategy` with packages/core's analyzeStrategy, the function POST /api/strategies/analyze runs,
 * so the page and the API give the same numbers: the market is the latest chain of each leg's expiry
 * (spot and instant of the newest), the grid `grid` when given (so a live redraw keeps its x axis) or the
 * default one for this market. A what-if beyond the nearest expiry is brought back to it. Anything core
 * refuses (an expired leg) is a message.
 */
export function valueStrategy(
  strategy: Strategy,
  product: StrategyProduct,
  chains: readonly EnrichedChain[],
  scenario: StrategyScenario,
  grid?: PriceGrid,
): StrategyValuation {
  try {
    const market = strategyMarketFromChains(chains);
    const model = prepareStrategy(strategy, product, market);
    const priceGrid = grid ?? defaultPriceGrid(model);
    const reachable = {
      ...scenario,
      days_forward: Math.min(scenario.days_forward, daysToNearestExpiry(model)),
    };
    const analysis = analyzeStrategy({ strategy, market, grid: priceGrid, scenario: reachable }, product);
    return { ok: true, analysis, market, grid: priceGrid };
  } catch (error) {
    if (error instanceof AnalyticsInputError) return { ok: false, message: error.message };
    throw error;
  }
}
