// Implied volatility from an option price, by Jäckel's "Let's Be Rational" (Wilmott 2015) on the
// undiscounted Black (1976) price. Conventions: T in years (ACT/365 or whatever the caller's pricing uses,
// consistently), rates and dividend yields continuously compounded, volatility annualised (0.2 = 20%).

import type { OptionType } from '../schemas';
import { normalisedImpliedVolatility } from './lets-be-rational';
import { optionSign } from './normalised-black';

export type ImpliedVolResult =
  | { ok: true; volatility: number }
  | {
      ok: false;
      reason: 'below-intrinsic' | 'above-maximum' | 'no-time-value' | 'invalid-input';
      message: string;
    };

export interface ImpliedVolInput {
  optionType: OptionType;
  /** Market price of the option (present value). */
  price: number;
  strike: number;
  timeYears: number;
  /** Continuously compounded risk-free rate used to discount the option's payoff. */
  rate: number;
}

function invalid(message: string): ImpliedVolResult {
  return { ok: false, reason: 'invalid-input', message };
}

function notFinite(name: string, value: number): string | undefined {
  return Number.isFinite(value) ? undefined : `${name} must be finite, got ${value}`;
}

function notNonNegative(name: string, value: number): string | undefined {
  return Number.isFinite(value) && value >= 0 ? undefined : `${name} must be finite and ≥ 0, got ${value}`;
}

function notPositive(name: string, value: number): string | undefined {
  return Number.isFinite(value) && value > 0 ? undefined : `${name} must be finite and > 0, got ${value}`;
}

/**
 * Black implied volatility of an undiscounted price (price divided by the discount factor) of a European
 * option on a forward.
 *
 * Prices outside the no-arbitrage bounds intrinsic ≤ price < maximum (the forward for a call, the strike
 * for a put) give `ok: false`. A price exactly at intrinsic gives volatility 0. With T = 0 only the
 * intrinsic price is attainable; anything above it gives `no-time-value`.
 */
export function impliedVolatilityFromUndiscountedBlackPrice(
  price: number,
  forward: number,
  strike: number,
  timeYears: number,
  optionType: OptionType,
): ImpliedVolResult {
  if (optionType !== 'CALL' && optionType !== 'PUT') {
    return invalid(`unknown option type ${String(optionType)}`);
  }
  const problem =
    notNonNegative('price', price) ??
    notPositive('forward', forward) ??
    notPositive('strike', strike) ??
    notNonNegative('timeYears', timeYears);
  if (problem !== undefined) return invalid(problem);
  let theta: number = optionSign(optionType);
  const intrinsic = Math.max(theta * (forward - strike), 0);
  if (price < intrinsic) {
    return {
      ok: false,
      reason: 'below-intrinsic',
      message: `undiscounted price ${price} is below the intrinsic value ${intrinsic}`,
    };
  }
  const maximum = theta > 0 ? forward : strike;
  if (price >= maximum) {
    return {
      ok: false,
      reason: 'above-maximum',
      message: `undiscounted price ${price} is at or above the maximum ${maximum} (${theta > 0 ? 'forward' : 'strike'})`,
    };
  }
  if (price === intrinsic) return { ok: true, volatility: 0 };
  if (timeYears === 0) {
    return {
      ok: false,
      reason: 'no-time-value',
      message: `undiscounted price ${price} exceeds the intrinsic value ${intrinsic} at expiry (timeYears = 0)`,
    };
  }
  const x = Math.log(forward / strike);
  let timeValue = price;
  // Map in-the-money to out-of-the-money in price space (put–call parity): subtracting the intrinsic value
  // here adds no error beyond the rounding already in the price, whereas the normalised intrinsic value
  // would add its own.
  if (theta * x > 0) {
    timeValue = price - intrinsic;
    theta = -theta;
  }
  const s = normalisedImpliedVolatility(timeValue / (Math.sqrt(forward) * Math.sqrt(strike)), x, theta);
  if (s === Infinity) {
    return {
      ok: false,
      reason: 'above-maximum',
      message: `undiscounted price ${price} is at the maximum ${maximum} to double precision`,
    };
  }
  return { ok: true, volatility: s / Math.sqrt(timeYears) };
}

/**
 * Black–Scholes–Merton implied volatility of a European option on a spot paying a continuous dividend
 * yield q (default 0): F = S·e^{(r−q)T}, undiscounted price = price·e^{rT}.
 */
export function impliedVolatilityBlackScholesMerton(
  input: ImpliedVolInput & { spot: number; dividendYield?: number },
): ImpliedVolResult {
  const { optionType, price, strike, timeYears, rate, spot, dividendYield = 0 } = input;
  const problem =
    notNonNegative('price', price) ??
    notPositive('spot', spot) ??
    notNonNegative('timeYears', timeYears) ??
    notFinite('rate', rate) ??
    notFinite('dividendYield', dividendYield);
  if (problem !== undefined) return invalid(problem);
  const forward = spot * Math.exp((rate - dividendYield) * timeYears);
  return impliedVolatilityFromUndiscountedBlackPrice(
    price * Math.exp(rate * timeYears),
    forward,
    strike,
    timeYears,
    optionType,
  );
}

/**
 * Black (1976) implied volatility of a European option on a futures or forward price F:
 * undiscounted price = price·e^{rT}.
 */
export function impliedVolatilityBlack76(input: ImpliedVolInput & { forward: number }): ImpliedVolResult {
  const { optionType, price, strike, timeYears, rate, forward } = input;
  const problem =
    notNonNegative('price', price) ?? notNonNegative('timeYears', timeYears) ?? notFinite('rate', rate);
  if (problem !== undefined) return invalid(problem);
  return impliedVolatilityFromUndiscountedBlackPrice(
    price * Math.exp(rate * timeYears),
    forward,
    strike,
    timeYears,
    optionType,
  );
}
