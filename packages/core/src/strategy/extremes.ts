// Max profit and max loss over every price in (0, ∞): the supremum and infimum of the P&L.
//
// A piecewise-linear P&L (every option expiring at the instant) takes its extremes at strikes, on flat
// pieces, or at the ends: the limit as the price → 0 and, beyond the last strike, either a bound (slope
// 0) or no bound at all (the sign of the slope says which side is unlimited). A smooth P&L (living legs)
// also takes them where its slope, the position delta, crosses zero between scanned prices: those are
// refined with Brent's method on the delta.

import { brentRoot } from '../math';
import type { PnlExtreme, PriceRange } from './analysis-schema';
import { pnlShape, type PnlShape } from './pnl-shape';
import { pnlAt, pnlSlopeAt, type StrategyValuation } from './valuation';

/** Values closer than this fraction of the sums behind them are one value (rounding of the sum). */
const EQUAL_RELATIVE_TO_SCALE = 1e-12;

interface Candidate {
  range: PriceRange;
  value: number;
}

function candidatesOf(valuation: StrategyValuation, shape: PnlShape): Candidate[] {
  const { nodes, values } = shape;
  const last = nodes.length - 1;
  const candidates: Candidate[] = [{ range: { from: 0, to: 0 }, value: shape.atZero }];
  if (shape.piecewiseLinear) {
    // Flat pieces reach their value all along; a non-flat piece only at its ends.
    if (pnlSlopeAt(valuation, nodes[0]!, -1) === 0) {
      candidates.push({ range: { from: 0, to: nodes[0]! }, value: values[0]! });
    }
    for (let i = 0; i <= last; i += 1) {
      candidates.push({ range: { from: nodes[i]!, to: nodes[i]! }, value: values[i]! });
      if (i < last && pnlSlopeAt(valuation, nodes[i]!, 1) === 0) {
        candidates.push({ range: { from: nodes[i]!, to: nodes[i + 1]! }, value: values[i]! });
      }
    }
    if (shape.slopeAtInfinity === 0) {
      candidates.push({ range: { from: nodes[last]!, to: null }, value: values[last]! });
    }
    return candidates;
  }
  const slope = (price: number) => pnlSlopeAt(valuation, price, 1);
  for (let i = 0; i <= last; i += 1) {
    candidates.push({ range: { from: nodes[i]!, to: nodes[i]! }, value: values[i]! });
    if (i === last) break;
    // The slope just inside each end of the cell: a strike of an expiring leg is a node, never inside.
    const atStart = pnlSlopeAt(valuation, nodes[i]!, 1);
    const atEnd = pnlSlopeAt(valuation, nodes[i + 1]!, -1);
    if ((atStart < 0 && atEnd > 0) || (atStart > 0 && atEnd < 0)) {
      const price = brentRoot(slope, nodes[i]!, nodes[i + 1]!, atStart, atEnd);
      candidates.push({ range: { from: price, to: price }, value: pnlAt(valuation, price) });
    }
  }
  return candidates;
}

/** Ranges that touch or overlap, in ascending order, merged into one. */
function mergeRanges(ranges: readonly PriceRange[]): PriceRange[] {
  const merged: PriceRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.from - b.from)) {
    const previous = merged[merged.length - 1];
    if (previous && (previous.to === null || range.from <= previous.to)) {
      if (previous.to !== null && (range.to === null || range.to > previous.to)) previous.to = range.to;
    } else merged.push({ ...range });
  }
  return merged;
}

function extreme(
  valuation: StrategyValuation,
  shape: PnlShape,
  candidates: Candidate[],
  sign: 1 | -1,
): PnlExtreme {
  if (sign * shape.slopeAtInfinity > 0) return { unlimited: true, value: null, attained: [] };
  let best = -Infinity;
  for (const { value } of candidates) best = Math.max(best, sign * value);
  const limit = shape.limitAtInfinity;
  const smoothLimitWins = !shape.piecewiseLinear && limit !== null && sign * limit > best;
  if (smoothLimitWins) best = sign * limit;
  const tolerance = EQUAL_RELATIVE_TO_SCALE * valuation.model.scale;
  const reaching = candidates
    .filter(({ value }) => sign * value >= best - tolerance)
    .map(({ range }) => range);
  const attained = shape.piecewiseLinear
    ? mergeRanges(reaching)
    : smoothLimitWins
      ? []
      : reaching.slice(0, 1);
  return { unlimited: false, value: sign * best, attained };
}

/** Max profit (highest P&L) and max loss (lowest P&L, negative for a loss) at the valuation instant. */
export function pnlExtremes(
  valuation: StrategyValuation,
  shape: PnlShape = pnlShape(valuation),
): { maxProfit: PnlExtreme; maxLoss: PnlExtreme } {
  const candidates = candidatesOf(valuation, shape);
  return {
    maxProfit: extreme(valuation, shape, candidates, 1),
    maxLoss: extreme(valuation, shape, candidates, -1),
  };
}
