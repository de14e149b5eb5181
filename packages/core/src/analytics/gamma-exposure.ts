// Dealer gamma exposure (GEX), after SqueezeMetrics, "Gamma Exposure (GEX)" white paper (2017).
//
// Sign convention (SqueezeMetrics): customers as a group are net writers of calls (covered calls, overwriting)
// and net buyers of puts (portfolio protection), and dealers hold the other side, so dealers are assumed long
// the calls and short the puts. Call gamma therefore counts positive and put gamma negative. Open interest
// does not say who holds what; this is the published assumption, not an observation. One option's exposure,
// in currency per 1% move of the underlying, is
//   GEX = gamma · OI · contractMultiplier · S² · 0.01
// (gamma·S·0.01 is the change of delta for a 1% move; times OI·multiplier it is the change of the
// dealers' hedge in units of the underlying, and times S its value).
// Positive net GEX means dealers hedge against the move (selling rallies, buying dips: dampening);
// negative means they hedge with it. The gamma flip is the underlying level where net GEX changes sign,
// interpolated linearly between the two strikes that bracket it (see gammaFlip).

import { costOfCarry, prepareGamma, preparedGammaAt } from '../pricing';
import type { GammaExposureSummary, PricingConventions } from '../schemas';
import { AnalyticsInputError, requireEach, requireNumber } from './input-checks';

/** One option's exposure per 1% move (unsigned: the caller applies the dealer sign). */
export function gammaExposure(
  gamma: number,
  openInterest: number,
  contractMultiplier: number,
  spot: number,
): number {
  return gamma * openInterest * contractMultiplier * spot * spot * 0.01;
}

/** Gamma of one quote as enriched by the worker (null when its price carried no IV). */
export interface StrikeGamma {
  strike: number;
  open_interest: number;
  gamma: number | null;
}

/** Per-strike GEX as parallel arrays over ascending strikes; put values are ≤ 0, net = call + put. */
export interface GammaExposureByStrike {
  strikes: number[];
  call_gamma_exposure: number[];
  put_gamma_exposure: number[];
  net_gamma_exposure: number[];
}

/**
 * GEX of every strike at the current spot from the quotes' own gamma. Quotes without gamma contribute
 * nothing; quotes sharing a strike on one side add up.
 */
export function gammaExposureByStrike(
  calls: readonly StrikeGamma[],
  puts: readonly StrikeGamma[],
  spot: number,
  contractMultiplier: number,
): GammaExposureByStrike {
  requireNumber(spot, 'spot', 'positive');
  requireNumber(contractMultiplier, 'contractMultiplier', 'positive');
  const exposure = new Map<number, { call: number; put: number }>();
  for (const [list, quotes, sign] of [
    ['calls', calls, 1],
    ['puts', puts, -1],
  ] as const) {
    requireEach(quotes, list, 'strike', 'positive');
    requireEach(quotes, list, 'open_interest', 'nonNegative');
    requireEach(quotes, list, 'gamma', 'nonNegativeOrNull');
    for (const { strike, open_interest: openInterest, gamma } of quotes) {
      const entry = exposure.get(strike) ?? { call: 0, put: 0 };
      const gex = gamma === null ? 0 : sign * gammaExposure(gamma, openInterest, contractMultiplier, spot);
      if (sign > 0) entry.call += gex;
      else entry.put += gex;
      exposure.set(strike, entry);
    }
  }
  const strikes = [...exposure.keys()].sort((a, b) => a - b);
  const result: GammaExposureByStrike = {
    strikes,
    call_gamma_exposure: [],
    put_gamma_exposure: [],
    net_gamma_exposure: [],
  };
  for (const strike of strikes) {
    const { call, put } = exposure.get(strike)!;
    result.call_gamma_exposure.push(call);
    result.put_gamma_exposure.push(put);
    result.net_gamma_exposure.push(call + put);
  }
  return result;
}

/** The strike whose value is largest (lowest strike on a tie), null when none is above 0. */
function strikeOfLargest(strikes: readonly number[], values: readonly number[]): number | null {
  let best: number | null = null;
  let bestValue = 0;
  for (let k = 0; k < values.length; k += 1) {
    if (values[k]! > bestValue) {
      best = strikes[k]!;
      bestValue = values[k]!;
    }
  }
  return best;
}

/** Call wall: the strike with the largest call GEX (lowest on a tie); null without call gamma. */
export function callWall(byStrike: GammaExposureByStrike): number | null {
  return strikeOfLargest(byStrike.strikes, byStrike.call_gamma_exposure);
}

/** Put wall: the strike with the largest put GEX magnitude (lowest on a tie); null without put gamma. */
export function putWall(byStrike: GammaExposureByStrike): number | null {
  return strikeOfLargest(
    byStrike.strikes,
    byStrike.put_gamma_exposure.map((gex) => -gex),
  );
}

/** What re-pricing gamma at another underlying level needs of a quote. */
export interface StrikeIvOpenInterest {
  strike: number;
  open_interest: number;
  iv: number | null;
}

export interface GammaProfileInputs {
  timeYears: number;
  conventions: Pick<PricingConventions, 'model' | 'rate' | 'dividend_yield'>;
  contractMultiplier: number;
}

/** Net GEX the chain would have if the underlying stood at each level; parallel arrays, ascending. */
export interface GammaProfile {
  levels: number[];
  net_gamma_exposure: number[];
}

/** A profile whose net GEX at level `i` is computed when first asked. */
interface LazyGammaProfile {
  levels: number[];
  netAt(i: number): number;
}

function prepareGammaProfile(
  calls: readonly StrikeIvOpenInterest[],
  puts: readonly StrikeIvOpenInterest[],
  inputs: GammaProfileInputs,
): LazyGammaProfile {
  const { timeYears, conventions, contractMultiplier } = inputs;
  requireNumber(timeYears, 'timeYears', 'nonNegative');
  requireNumber(conventions.rate, 'conventions.rate', 'finite');
  requireNumber(conventions.dividend_yield, 'conventions.dividend_yield', 'finite');
  requireNumber(contractMultiplier, 'contractMultiplier', 'positive');
  for (const [list, quotes] of [
    ['calls', calls],
    ['puts', puts],
  ] as const) {
    requireEach(quotes, list, 'strike', 'positive');
    requireEach(quotes, list, 'open_interest', 'nonNegative');
    requireEach(quotes, list, 'iv', 'nonNegativeOrNull');
  }
  const levels = [...new Set([...calls, ...puts].map((quote) => quote.strike))].sort((a, b) => a - b);
  const carry = costOfCarry(conventions);
  const priced = [
    ...calls.map((quote) => ({ quote, sign: 1 })),
    ...puts.map((quote) => ({ quote, sign: -1 })),
  ]
    .filter(({ quote }) => quote.iv !== null && quote.open_interest > 0)
    .map(({ quote, sign }) => ({
      gamma: prepareGamma(quote.strike, timeYears, conventions.rate, carry, quote.iv as number),
      signedOpenInterest: sign * quote.open_interest,
    }));
  const net = new Array<number | undefined>(levels.length);
  return {
    levels,
    netAt(i) {
      let value = net[i];
      if (value === undefined) {
        const level = levels[i]!;
        const lnLevel = Math.log(level);
        value = 0;
        for (const { gamma, signedOpenInterest } of priced) {
          value += gammaExposure(
            preparedGammaAt(gamma, level, lnLevel),
            signedOpenInterest,
            contractMultiplier,
            level,
          );
        }
        net[i] = value;
      }
      return value;
    },
  };
}

/**
 * Net GEX re-evaluated at hypothetical underlying levels: every option's gamma is re-priced at each
 * level (Black-Scholes-Merton or Black-76 as the chain's conventions say, with the quote's IV held
 * fixed: a sticky-strike view), and S² is the level's. Levels are the chain's distinct strikes, so the
 * profile spans the strike range at the chain's own resolution. Quotes without IV or without open
 * interest are skipped. Cost: levels × quotes gamma evaluations (one log and one exp each).
 */
export function gammaExposureProfile(
  calls: readonly StrikeIvOpenInterest[],
  puts: readonly StrikeIvOpenInterest[],
  inputs: GammaProfileInputs,
): GammaProfile {
  const { levels, netAt } = prepareGammaProfile(calls, puts, inputs);
  return { levels, net_gamma_exposure: levels.map((_, i) => netAt(i)) };
}

/**
 * `gammaFlip(gammaExposureProfile(calls, puts, inputs), spot)`, with the profile evaluated outward from
 * spot only as far as the nearest crossing needs: usually a few levels rather than every strike, each
 * level costing a gamma per quote. A crossing lies between two levels of non-zero GEX, so one not yet
 * found on a side lies beyond that side's outermost non-zero level evaluated; once the nearest crossing
 * found is nearer than both, it is the answer. The crossings are interpolated as gammaFlip does, from
 * the same values, so the result is the same number.
 */
export function nearestGammaFlip(
  calls: readonly StrikeIvOpenInterest[],
  puts: readonly StrikeIvOpenInterest[],
  inputs: GammaExposureInputs,
): number | null {
  const { spot } = inputs;
  requireNumber(spot, 'spot', 'positive');
  const { levels, netAt } = prepareGammaProfile(calls, puts, inputs);
  if (levels.length === 0) return null;
  let flip: number | null = null;
  const consider = (lower: number, upper: number) => {
    const before = netAt(lower);
    const crossing = levels[lower]! + ((levels[upper]! - levels[lower]!) * before) / (before - netAt(upper));
    const distance = Math.abs(crossing - spot);
    const best = flip === null ? Infinity : Math.abs(flip - spot);
    // The lower crossing on a tie, as gammaFlip's ascending scan keeps it.
    if (distance < best || (distance === best && crossing < flip!)) flip = crossing;
  };
  const start = levels.findIndex((level) => level >= spot);
  let lo = start < 0 ? levels.length - 1 : start;
  let hi = lo;
  /** The outermost levels of non-zero GEX evaluated on each side (-1: none yet). */
  let lowestNonZero = netAt(lo) === 0 ? -1 : lo;
  let highestNonZero = lowestNonZero;
  for (;;) {
    const distance = flip === null ? Infinity : Math.abs(flip - spot);
    // Beyond the evaluated range, a crossing above lies at or above the highest non-zero level; one below
    // at or below the lowest, give or take an interpolation's rounding (hence the margin below).
    const aboveSettled =
      hi === levels.length - 1 || (highestNonZero >= 0 && distance <= levels[highestNonZero]! - spot);
    const belowSettled =
      lo === 0 || (lowestNonZero >= 0 && distance < spot - levels[lowestNonZero]! - 1e-9 * spot);
    if (aboveSettled && belowSettled) return flip;
    const goUp = !aboveSettled && (belowSettled || levels[hi + 1]! - spot <= spot - levels[lo - 1]!);
    const i = goUp ? ++hi : --lo;
    if (netAt(i) === 0) continue;
    if (goUp) {
      if (highestNonZero >= 0 && Math.sign(netAt(i)) !== Math.sign(netAt(highestNonZero))) {
        consider(highestNonZero, i);
      }
      highestNonZero = i;
      if (lowestNonZero < 0) lowestNonZero = i;
    } else {
      if (lowestNonZero >= 0 && Math.sign(netAt(i)) !== Math.sign(netAt(lowestNonZero))) {
        consider(i, lowestNonZero);
      }
      lowestNonZero = i;
      if (highestNonZero < 0) highestNonZero = i;
    }
  }
}

/**
 * The gamma flip: the level where the profile's net GEX crosses zero, by linear interpolation between
 * the two bracketing levels (the nearest levels on either side with non-zero GEX of opposite signs, so
 * a run of exact zeros is bridged). With several crossings the one nearest `spot` is the one traders
 * watch (the lower on a tie); null when net GEX never changes sign.
 */
export function gammaFlip(profile: GammaProfile, spot: number): number | null {
  const { levels, net_gamma_exposure: gex } = profile;
  requireNumber(spot, 'spot', 'positive');
  if (levels.length !== gex.length) {
    throw new AnalyticsInputError('profile', 'levels and net_gamma_exposure must have the same length');
  }
  let flip: number | null = null;
  let previous = -1;
  for (let i = 0; i < gex.length; i += 1) {
    const value = gex[i]!;
    if (value === 0) continue;
    if (previous >= 0 && Math.sign(value) !== Math.sign(gex[previous]!)) {
      const before = gex[previous]!;
      const crossing = levels[previous]! + ((levels[i]! - levels[previous]!) * before) / (before - value);
      if (flip === null || Math.abs(crossing - spot) < Math.abs(flip - spot)) flip = crossing;
    }
    previous = i;
  }
  return flip;
}

/** A quote as computeChainMetrics sees it: its own gamma for by-strike GEX, its IV for the profile. */
export interface GammaQuote extends StrikeGamma, StrikeIvOpenInterest {}

export interface GammaExposureInputs extends GammaProfileInputs {
  /** Spot for Black-Scholes-Merton, forward/futures price for Black-76 (the chain's spot_price). */
  spot: number;
}

/**
 * Net GEX at the current spot (sum over strikes, from the quotes' gamma), call and put walls, and the
 * gamma flip from the re-priced profile.
 */
export function gammaExposureSummary(
  calls: readonly GammaQuote[],
  puts: readonly GammaQuote[],
  inputs: GammaExposureInputs,
): GammaExposureSummary {
  const byStrike = gammaExposureByStrike(calls, puts, inputs.spot, inputs.contractMultiplier);
  return {
    net_gamma_exposure: byStrike.net_gamma_exposure.reduce((sum, gex) => sum + gex, 0),
    call_wall: callWall(byStrike),
    put_wall: putWall(byStrike),
    gamma_flip: nearestGammaFlip(calls, puts, inputs),
  };
}
