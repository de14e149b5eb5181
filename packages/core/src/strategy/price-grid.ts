import type { PriceGrid } from './analysis-schema';
import type { StrategyModel } from './valuation';

/** Points of the default grid: a smooth curve on a dashboard-wide chart. */
const DEFAULT_GRID_POINTS = 501;
/** The default grid spans this many standard deviations of log-price at the nearest expiry around spot. */
const DEFAULT_GRID_SIGMAS = 4;
/** …and at least this log-price half-width, so a short-dated strategy still shows its strikes' neighbourhood. */
const MIN_GRID_LOG_WIDTH = 0.02;
/** Margin beyond the outermost strike, as a fraction of it. */
const STRIKE_MARGIN = 0.02;

/** The prices of `grid`: a list as given, or `points` evenly spaced from `from` to exactly `to`. */
export function gridPrices(grid: PriceGrid): number[] {
  if (Array.isArray(grid)) return [...grid];
  const { from, to, points } = grid;
  const step = (to - from) / (points - 1);
  return Array.from({ length: points }, (_, j) => (j === points - 1 ? to : from + j * step));
}

/**
 * A grid wide enough for the chart of any strategy: every strike with a 2% margin, and spot ± 4σ√T of
 * log-price at the nearest expiry (σ the highest leg IV), 501 evenly spaced prices.
 */
export function defaultPriceGrid(model: StrategyModel): PriceGrid {
  const options = model.legs.filter((leg) => leg.optionType !== null);
  const volatility = Math.max(...options.map((leg) => leg.iv));
  const halfWidth = Math.max(
    MIN_GRID_LOG_WIDTH,
    DEFAULT_GRID_SIGMAS * volatility * Math.sqrt(model.nearestExpiryYears),
  );
  const strikes = options.map((leg) => leg.strike);
  return {
    from: Math.min(model.spot * Math.exp(-halfWidth), Math.min(...strikes) * (1 - STRIKE_MARGIN)),
    to: Math.max(model.spot * Math.exp(halfWidth), Math.max(...strikes) * (1 + STRIKE_MARGIN)),
    points: DEFAULT_GRID_POINTS,
  };
}
