// Breakevens: the prices where the P&L changes sign, i.e. the ends of the ranges where it is positive.
//
// When every option leg expires at the instant the P&L is linear between strikes, so each piece's root
// is solved exactly: x = k − P&L(k)/slope from a strike k at the piece's end. Otherwise (living legs: a
// calendar at the near expiry, any date before expiry) the P&L is smooth between strikes: sign changes
// are bracketed on the strikes plus a log-spaced scan (pnlShape) and refined with Brent's method; beyond
// the scan the tails are asymptotically linear, so a root there is bracketed by doubling (or halving)
// towards the side whose limit has the other sign. Two roots closer together than the scan's spacing
// (well under 0.1 σ of log-price) inside one cell would be missed; the P&L of options is not that wiggly.

import { brentRoot } from '../math';
import type { PriceRange } from './analysis-schema';
import { pnlShape, type PnlShape } from './pnl-shape';
import { pnlAt, pnlSlopeAt, type StrategyValuation } from './valuation';

/** Breakevens are refined to this fraction of their price (exact pieces need no refinement). */
const ROOT_RELATIVE_TOLERANCE = 1e-12;
/** Doublings or halvings tried to bracket a root in a tail: enough to span every double. */
const MAX_TAIL_STEPS = 2100;

export interface ProfitableRegion {
  /** Ascending, disjoint open ranges of price where the P&L is > 0 (`from` 0: down to 0; `to` null: no bound). */
  ranges: PriceRange[];
  /** Ascending: every finite, positive end of those ranges. */
  breakevens: number[];
}

function oppositeSigns(a: number, b: number): boolean {
  return (a < 0 && b > 0) || (a > 0 && b < 0);
}

/**
 * The root in a tail beyond the scan: steps from the outermost node by `factor` (½ towards 0, 2 towards
 * infinity) until the P&L changes sign, then refines in that bracket; null when MAX_TAIL_STEPS find none.
 */
function tailRoot(
  pnl: (price: number) => number,
  node: number,
  nodeValue: number,
  factor: 0.5 | 2,
): number | null {
  let inner = node;
  let innerValue = nodeValue;
  for (let step = 0; step < MAX_TAIL_STEPS; step += 1) {
    const outer = inner * factor;
    const outerValue = pnl(outer);
    if (!oppositeSigns(innerValue, outerValue)) {
      inner = outer;
      innerValue = outerValue;
      continue;
    }
    return factor < 1
      ? brentRoot(pnl, outer, inner, outerValue, innerValue, ROOT_RELATIVE_TOLERANCE)
      : brentRoot(pnl, inner, outer, innerValue, outerValue, ROOT_RELATIVE_TOLERANCE);
  }
  return null;
}

/** Every price in (0, ∞) where the P&L is 0 and changes sign or touches 0. */
function pnlZeros(valuation: StrategyValuation, shape: PnlShape): number[] {
  const { nodes, values, atZero, slopeAtInfinity } = shape;
  const pnl = (price: number) => pnlAt(valuation, price);
  const zeros: number[] = [];
  const first = nodes[0]!;
  const last = nodes.length - 1;
  if (shape.piecewiseLinear) {
    if (oppositeSigns(atZero, values[0]!)) {
      zeros.push(Math.max(0, first - values[0]! / pnlSlopeAt(valuation, first, -1)));
    }
    for (let i = 0; i <= last; i += 1) {
      if (values[i] === 0) zeros.push(nodes[i]!);
      if (i < last && oppositeSigns(values[i]!, values[i + 1]!)) {
        const root = nodes[i]! - values[i]! / pnlSlopeAt(valuation, nodes[i]!, 1);
        zeros.push(Math.min(nodes[i + 1]!, Math.max(nodes[i]!, root)));
      }
    }
    if (oppositeSigns(values[last]!, slopeAtInfinity)) {
      zeros.push(nodes[last]! - values[last]! / slopeAtInfinity);
    }
    return zeros;
  }
  if (oppositeSigns(atZero, values[0]!)) {
    const root = tailRoot(pnl, first, values[0]!, 0.5);
    if (root !== null) zeros.push(root);
  }
  for (let i = 0; i <= last; i += 1) {
    if (values[i] === 0) zeros.push(nodes[i]!);
    if (i < last && oppositeSigns(values[i]!, values[i + 1]!)) {
      zeros.push(
        brentRoot(pnl, nodes[i]!, nodes[i + 1]!, values[i]!, values[i + 1]!, ROOT_RELATIVE_TOLERANCE),
      );
    }
  }
  const signAtInfinity = slopeAtInfinity !== 0 ? slopeAtInfinity : shape.limitAtInfinity!;
  if (oppositeSigns(values[last]!, signAtInfinity)) {
    const root = tailRoot(pnl, nodes[last]!, values[last]!, 2);
    if (root !== null) zeros.push(root);
  }
  return zeros;
}

/**
 * Where the P&L at the valuation instant is positive, and its breakevens. The ranges are those between
 * consecutive zeros whose inside is profitable; a breakeven is a zero that ends such a range (a price
 * where the P&L only touches 0 from below is not one).
 */
export function profitableRegion(
  valuation: StrategyValuation,
  shape: PnlShape = pnlShape(valuation),
): ProfitableRegion {
  const zeros = pnlZeros(valuation, shape)
    .sort((a, b) => a - b)
    .filter((zero, i, sorted) => zero > 0 && (i === 0 || zero !== sorted[i - 1]));
  const ranges: PriceRange[] = [];
  for (let k = 0; k <= zeros.length; k += 1) {
    const from = k === 0 ? 0 : zeros[k - 1]!;
    const to = k < zeros.length ? zeros[k]! : null;
    // The P&L keeps one sign between consecutive zeros: any inner price tells which.
    const inside = to === null ? (from === 0 ? valuation.model.spot : 2 * from) : 0.5 * (from + to);
    if (pnlAt(valuation, inside) > 0) ranges.push({ from, to });
  }
  const ends = ranges.flatMap(({ from, to }) => (to === null ? [from] : [from, to])).filter((end) => end > 0);
  return { ranges, breakevens: ends.filter((end, i) => i === 0 || end !== ends[i - 1]) };
}
