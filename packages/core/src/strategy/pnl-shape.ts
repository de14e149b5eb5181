// What bounds and roots of a P&L curve over the whole half-line (0, ∞) are found from: its limits at both
// ends in closed form, and the prices to scan in between.
//
// At the valuation instant an option expiring then is worth its intrinsic value, piecewise linear with a
// kink at its strike; a living option's model price is smooth, and as the price x → ∞ a call tends to
// its forward value (Black-Scholes-Merton: x e^{−qτ} − K e^{−rτ}; Black-76: e^{−rτ}(x − K)) and a put to 0,
// while as x → 0 a call tends to 0 and a put to K e^{−rτ} (Hull 8th ed., Ch. 11, bounds on option
// prices, which the formulas attain in these limits). So the P&L is linear beyond the last strike when
// every option expires then, and asymptotically linear in any case, with slope
//   Σ units over underlying legs and expiring calls + Σ units × e^{(b−r)τ} over living calls,
// e^{(b−r)τ} = e^{−qτ} (BSM) or e^{−rτ} (Black-76), b the cost of carry.

import { costOfCarry } from '../pricing';
import type { StrategyValuation } from './valuation';
import { expiresNow, pnlAt } from './valuation';

/** Log-spaced prices scanned between the strikes and far tails when living legs make the P&L smooth. */
const SMOOTH_SCAN_POINTS = 400;
/** Standard deviations of log-price the scan reaches beyond the outermost strike or spot. */
const SMOOTH_SCAN_SIGMAS = 8;
/** Smallest log-price half-width scanned, for legs with (almost) no volatility left. */
const MIN_SCAN_LOG_WIDTH = 0.25;

export interface PnlShape {
  /** Every option leg expires at the instant: the P&L is linear between consecutive `nodes` (the strikes). */
  piecewiseLinear: boolean;
  /** Ascending prices the P&L is known at: the strikes, plus a log-spaced scan when it is smooth. */
  nodes: number[];
  /** pnlAt at each node. */
  values: number[];
  /** lim P&L as the price → 0. */
  atZero: number;
  /** lim P&L / price as the price → ∞: > 0 unlimited profit, < 0 unlimited loss. */
  slopeAtInfinity: number;
  /** lim P&L as the price → ∞ when slopeAtInfinity is 0, else null. */
  limitAtInfinity: number | null;
}

export function pnlShape(valuation: StrategyValuation): PnlShape {
  const { legs, cost, spot, product } = valuation.model;
  const { rate } = product.conventions;
  const carry = costOfCarry(product.conventions);
  let atZero = -cost;
  // Units of slope 1 (underlying legs, expiring calls) summed as integers, so that opposite positions
  // cancel exactly; living calls grouped by their slope e^{−qτ} (e^{−rτ} under Black-76) for the same reason.
  let unitSlope = 0;
  const livingCallUnits = new Map<number, number>();
  let limitAtInfinity = -cost;
  let piecewiseLinear = true;
  const strikes = new Set<number>();
  let scanLogWidth = MIN_SCAN_LOG_WIDTH;
  for (let i = 0; i < legs.length; i += 1) {
    const leg = legs[i]!;
    if (leg.optionType === null) {
      unitSlope += leg.units;
      continue;
    }
    strikes.add(leg.strike);
    const timeYears = valuation.timeYears[i]!;
    const discount = Math.exp(-rate * timeYears);
    if (leg.optionType === 'PUT') atZero += leg.units * leg.strike * discount;
    else {
      limitAtInfinity -= leg.units * leg.strike * discount;
      if (expiresNow(valuation, i)) unitSlope += leg.units;
      else {
        const slope = Math.exp((carry - rate) * timeYears);
        livingCallUnits.set(slope, (livingCallUnits.get(slope) ?? 0) + leg.units);
      }
    }
    if (!expiresNow(valuation, i)) {
      piecewiseLinear = false;
      scanLogWidth = Math.max(
        scanLogWidth,
        SMOOTH_SCAN_SIGMAS * valuation.volatility[i]! * Math.sqrt(timeYears),
      );
    }
  }
  let slopeAtInfinity = unitSlope;
  for (const [slope, units] of livingCallUnits) slopeAtInfinity += units * slope;

  const nodes = [...strikes].sort((a, b) => a - b);
  if (!piecewiseLinear) {
    const low = Math.log(Math.min(nodes[0]!, spot)) - scanLogWidth;
    const high = Math.log(Math.max(nodes[nodes.length - 1]!, spot)) + scanLogWidth;
    for (let j = 0; j < SMOOTH_SCAN_POINTS; j += 1) {
      nodes.push(Math.exp(low + ((high - low) * j) / (SMOOTH_SCAN_POINTS - 1)));
    }
    nodes.sort((a, b) => a - b);
  }
  const distinct = nodes.filter((price, j) => j === 0 || price !== nodes[j - 1]);
  return {
    piecewiseLinear,
    nodes: distinct,
    values: distinct.map((price) => pnlAt(valuation, price)),
    atZero,
    slopeAtInfinity,
    limitAtInfinity: slopeAtInfinity === 0 ? limitAtInfinity : null,
  };
}
