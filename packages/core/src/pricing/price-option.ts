// Validated, self-describing valuation of one European option: the fast kernels of black-scholes.ts plus
// the conventions every number is quoted in.

import type { OptionType } from '../schemas';
import { black76Into, blackScholesMertonInto, createGreeksOut } from './black-scholes';
import { DAYS_PER_YEAR, type DayCount } from './day-count';
import { PricingInputError } from './pricing-input-error';

export type PricingModel = 'black-scholes-merton' | 'black-76';

export interface OptionPricingInput {
  model: PricingModel;
  optionType: OptionType;
  /** Spot S for Black-Scholes-Merton, forward or futures price F for Black-76. */
  underlying: number;
  strike: number;
  /** Time to expiry in years, from yearFraction under `dayCount`. */
  timeYears: number;
  /** Annualised volatility, 0.2 = 20%. */
  volatility: number;
  /** Risk-free rate, continuously compounded per year of the day count (it discounts over `timeYears`). */
  rate: number;
  /** Continuous dividend yield per year of the day count (Black-Scholes-Merton only; default 0). */
  dividendYield?: number;
  /** Day count that produced `timeYears`; sets the days per year of thetaPerDay. Default ACT/365. */
  dayCount?: DayCount;
}

export interface PricingConventions {
  model: PricingModel;
  /** What `underlying` was: the spot (BSM) or the forward/futures price (Black-76, held fixed by rho). */
  underlying: 'spot' | 'forward';
  rate: number;
  /** Null for Black-76: the forward already carries any yield. */
  dividendYield: number | null;
  compounding: 'continuous';
  dayCount: DayCount;
  /** thetaPerDay = theta / daysPerYear: 365 for ACT/365, 252 for BUS/252. */
  daysPerYear: number;
  /** theta = ∂V/∂t, value change per year of the day count's time (negative for time decay). */
  thetaUnit: 'per-year';
  /** vega per 1.00 of volatility; vegaPerPct per vol point (0.01). */
  vegaUnit: 'per-1.00-vol';
  /** rho per 1.00 of rate; rhoPerPct per 0.01 of rate. */
  rhoUnit: 'per-1.00-rate';
}

export interface OptionValuation {
  model: PricingModel;
  optionType: OptionType;
  price: number;
  /** ∂V/∂underlying. */
  delta: number;
  /** ∂²V/∂underlying². */
  gamma: number;
  /** ∂V/∂σ per 1.00 of volatility. */
  vega: number;
  /** vega × 0.01: first-order value change per volatility point. */
  vegaPerPct: number;
  /** Per year. */
  theta: number;
  /** Per day of the day count: theta / daysPerYear. */
  thetaPerDay: number;
  /** ∂V/∂r per 1.00 of rate. */
  rho: number;
  /** rho × 0.01: first-order value change per percentage point of rate. */
  rhoPerPct: number;
  conventions: PricingConventions;
}

/**
 * Price and Greeks of a European option under Black-Scholes-Merton (spot, dividend yield q) or Black-76
 * (forward), with its conventions. Throws PricingInputError naming the field for any input outside the
 * model's domain: non-finite numbers, underlying ≤ 0, strike ≤ 0, timeYears < 0, volatility < 0, a
 * dividend yield given to Black-76, or an unknown model, option type or day count.
 */
export function priceOption(input: OptionPricingInput): OptionValuation {
  const { model, optionType, underlying, strike, timeYears, volatility, rate } = input;
  const dayCount = input.dayCount ?? 'ACT/365';
  if (model !== 'black-scholes-merton' && model !== 'black-76') {
    throw new PricingInputError(
      'model',
      `must be 'black-scholes-merton' or 'black-76', got ${String(model)}`,
    );
  }
  if (optionType !== 'CALL' && optionType !== 'PUT') {
    throw new PricingInputError('optionType', `must be 'CALL' or 'PUT', got ${String(optionType)}`);
  }
  requirePositive(underlying, 'underlying');
  requirePositive(strike, 'strike');
  requireNonNegative(timeYears, 'timeYears');
  requireNonNegative(volatility, 'volatility');
  requireFinite(rate, 'rate');
  if (input.dividendYield !== undefined) requireFinite(input.dividendYield, 'dividendYield');
  if (!Object.hasOwn(DAYS_PER_YEAR, dayCount)) {
    throw new PricingInputError('dayCount', `must be 'ACT/365' or 'BUS/252', got ${String(dayCount)}`);
  }

  const greeks = createGreeksOut();
  let dividendYield: number | null;
  if (model === 'black-scholes-merton') {
    dividendYield = input.dividendYield ?? 0;
    blackScholesMertonInto(
      greeks,
      optionType,
      underlying,
      strike,
      timeYears,
      rate,
      dividendYield,
      volatility,
    );
  } else {
    if (input.dividendYield !== undefined && input.dividendYield !== 0) {
      throw new PricingInputError('dividendYield', 'Black-76 takes none: the forward already carries it');
    }
    dividendYield = null;
    black76Into(greeks, optionType, underlying, strike, timeYears, rate, volatility);
  }

  const daysPerYear = DAYS_PER_YEAR[dayCount];
  return {
    model,
    optionType,
    price: greeks.price,
    delta: greeks.delta,
    gamma: greeks.gamma,
    vega: greeks.vega,
    vegaPerPct: greeks.vega / 100,
    theta: greeks.theta,
    thetaPerDay: greeks.theta / daysPerYear,
    rho: greeks.rho,
    rhoPerPct: greeks.rho / 100,
    conventions: {
      model,
      underlying: model === 'black-scholes-merton' ? 'spot' : 'forward',
      rate,
      dividendYield,
      compounding: 'continuous',
      dayCount,
      daysPerYear,
      thetaUnit: 'per-year',
      vegaUnit: 'per-1.00-vol',
      rhoUnit: 'per-1.00-rate',
    },
  };
}

function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw new PricingInputError(field, `must be a finite number, got ${value}`);
}

function requirePositive(value: number, field: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new PricingInputError(field, `must be a finite number greater than 0, got ${value}`);
  }
}

function requireNonNegative(value: number, field: string): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new PricingInputError(field, `must be a finite number ≥ 0, got ${value}`);
  }
}
