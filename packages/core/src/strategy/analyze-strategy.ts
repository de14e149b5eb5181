import type { StrategyAnalysis, StrategyAnalysisInput, StrategyScenario } from './analysis-schema';
import { profitableRegion } from './breakevens';
import { pnlExtremes } from './extremes';
import { netGreeksAt } from './net-greeks';
import { pnlShape } from './pnl-shape';
import { defaultPriceGrid, gridPrices } from './price-grid';
import { expectedPnlAtExpiry, expiryLaw, oneSigmaMove, probabilityOfProfit } from './probability';
import {
  daysToNearestExpiry,
  pnlAt,
  pnlCurveInto,
  prepareStrategy,
  scenarioInstantMs,
  valueStrategyAt,
  type StrategyModel,
  type StrategyProduct,
} from './valuation';

/** The two curves a payoff chart draws over one grid, in currency of the whole position. */
export interface PnlCurves {
  /** At the nearest expiry, later legs at their own IVs. */
  pnl_at_expiry: number[];
  /** At the scenario's instant and IV shift. */
  pnl: number[];
}

/**
 * Both P&L curves over `prices`. Pass `into` to reuse its arrays (a live redraw on every tick allocates
 * nothing per point).
 */
export function pnlCurves(
  model: StrategyModel,
  prices: ArrayLike<number>,
  scenario: StrategyScenario,
  into: PnlCurves = { pnl_at_expiry: [], pnl: [] },
): PnlCurves {
  pnlCurveInto(valueStrategyAt(model, model.nearestExpiryMs), prices, into.pnl_at_expiry);
  const instantMs = scenarioInstantMs(model, scenario.days_forward);
  pnlCurveInto(valueStrategyAt(model, instantMs, scenario.iv_shift_pct), prices, into.pnl);
  return into;
}

/**
 * Everything about one strategy in its product and market (see StrategyAnalysisSchema). Statistics at
 * expiry (breakevens, max profit and loss, probability of profit, expected P&L) use every leg's own IV;
 * the scenario's IV shift and date move only the `scenario` figures and the `pnl` curve. Throws
 * AnalyticsInputError naming the field for a strategy that does not fit its product or market.
 */
export function analyzeStrategy(input: StrategyAnalysisInput, product: StrategyProduct): StrategyAnalysis {
  const { strategy, market, scenario } = input;
  const model = prepareStrategy(strategy, product, market);

  const atExpiry = valueStrategyAt(model, model.nearestExpiryMs);
  const expiryShape = pnlShape(atExpiry);
  const region = profitableRegion(atExpiry, expiryShape);
  const { maxProfit, maxLoss } = pnlExtremes(atExpiry, expiryShape);
  const atmIv = market.atm_iv[model.nearestExpiry];
  const law = atmIv === undefined ? null : expiryLaw(model, atmIv);

  const instantMs = scenarioInstantMs(model, scenario.days_forward);
  const whatIf = valueStrategyAt(model, instantMs, scenario.iv_shift_pct);
  const prices = gridPrices(input.grid ?? defaultPriceGrid(model));
  const curves = pnlCurves(model, prices, scenario);

  return {
    product: strategy.product,
    as_of: market.as_of,
    spot_price: model.spot,
    lot_size: product.lot_size,
    conventions: product.conventions,
    nearest_expiry: model.nearestExpiry,
    days_to_nearest_expiry: daysToNearestExpiry(model),
    net_premium: model.netPremium,
    at_expiry: {
      breakevens: region.breakevens,
      profitable_ranges: region.ranges,
      max_profit: maxProfit,
      max_loss: maxLoss,
      probability_of_profit: law === null ? null : probabilityOfProfit(region, law),
      expected_pnl: law === null ? null : expectedPnlAtExpiry(atExpiry, law),
      one_sigma_move: law === null ? null : oneSigmaMove(model.spot, law.volatility, law.timeYears),
    },
    scenario: {
      days_forward: scenario.days_forward,
      iv_shift_pct: scenario.iv_shift_pct,
      valuation_time: new Date(instantMs).toISOString(),
      pnl_at_spot: pnlAt(whatIf, model.spot),
      breakevens: profitableRegion(whatIf).breakevens,
      greeks: netGreeksAt(whatIf, model.spot),
    },
    curve: { prices, ...curves },
  };
}
