// Closed-form European option prices and Greeks, one pass, no allocation.
//
// Black-Scholes-Merton on a spot S paying a continuous dividend yield q: R. C. Merton, "Theory of Rational
// Option Pricing", Bell J. Econ. Mgmt. Sci. 4 (1973) 141–183; Hull, Options, Futures, and Other Derivatives,
// 8th ed., Ch. 15 (q = 0) and Ch. 17 (q ≠ 0).
//   d1 = [ln(S/K) + (r − q + σ²/2)T] / (σ√T),  d2 = d1 − σ√T
//   call = S e^{−qT} Φ(d1) − K e^{−rT} Φ(d2),   put = K e^{−rT} Φ(−d2) − S e^{−qT} Φ(−d1)
// Greeks (Hull 8th ed., Ch. 19; Haug, The Complete Guide to Option Pricing Formulas, 2nd ed.,
// Ch. 2, with cost of carry b = r − q), with ω = +1 for a call and −1 for a put:
//   delta = ω e^{−qT} Φ(ω d1)                 gamma = e^{−qT} φ(d1) / (S σ √T)
//   vega  = S e^{−qT} φ(d1) √T                rho   = ω K T e^{−rT} Φ(ω d2)
//   theta = −S e^{−qT} φ(d1) σ / (2√T) + ω [q S e^{−qT} Φ(ω d1) − r K e^{−rT} Φ(ω d2)]
//
// Black-76 on a forward or futures price F: F. Black, "The pricing of commodity contracts", J. Financial
// Economics 3 (1976) 167–179; Hull 8th ed., Ch. 18. It is the formula above with S = F and q = r (Hull:
// a futures price behaves like a stock paying a dividend yield equal to r), so every Greek but rho is
// shared. Rho differs because F, not S, is held fixed when r moves: only the discounting responds,
// rho = −T·V (Haug 2nd ed., Ch. 2, b = 0).
//
// Units: delta and gamma per 1.00 of the underlying, vega per 1.00 of volatility (0.01 = one vol point),
// theta = ∂V/∂t = −∂V/∂T per year of the day count's time T, rho per 1.00 of the continuously compounded rate.
// T is one clock for everything: under BUS/252 the same business time that scales σ also discounts r and
// q (rT, qT), so rates and yields are read per business year of 252 days (see day-count.ts).
//
// No total variance (σ√T = 0, i.e. T = 0 or σ = 0): the underlying ends at its forward for sure, so the
// value is the discounted intrinsic value on the forward, e^{−rT}·max(ω(F − K), 0), which for BSM is
// max(ω(S e^{−qT} − K e^{−rT}), 0). This is the σ√T → 0 limit of the formulas with Φ(ω d1) = Φ(ω d2) → 1
// in the money and 0 out of it, and the same limit gives:
//   - at the money forward (S e^{−qT} = K e^{−rT}) d1, d2 → 0, so Φ(±d1) = ½: delta is half the jump,
//     ±½ e^{−qT} (±½ at expiry) and the price is 0;
//   - delta 0 or ω e^{−qT} (BSM, exactly ±1 at T = 0 with q = 0) or ω e^{−rT} (Black-76);
//   - gamma and vega 0;
//   - theta keeps only the carry terms ω[q S e^{−qT} − r K e^{−rT}]·Φ(ω d1), the time decay of the
//     discounted intrinsic value. The diffusion term tends to 0 away from the money but to −∞ at the money
//     at expiry (σ/(2√T)); the finite carry part is reported there;
//   - rho ω K T e^{−rT}·Φ(ω d2) (BSM) and −T·V (Black-76): 0 at expiry.
//
// The fast functions trust their inputs (priceOption validates); callers that price many options of one
// chain validate once.

import type { OptionType } from '../schemas';
import { normCdf, normPdf } from '../math/normal';

/** Price and Greeks of one option: vega per 1.00 of volatility, theta per year, rho per 1.00 of rate. */
export interface GreeksOut {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** A fresh result object for the `…Into` functions; allocate once, reuse for every evaluation. */
export function createGreeksOut(): GreeksOut {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
}

/**
 * Black-Scholes-Merton (Merton 1973) price and Greeks of a European option on a spot paying a continuous
 * dividend yield, written into `out` (returned). Rates and yield continuously compounded per year,
 * `timeYears` in years, `volatility` per √year. Inputs are not validated: S > 0, K > 0, T ≥ 0, σ ≥ 0,
 * all finite (see priceOption).
 */
export function blackScholesMertonInto(
  out: GreeksOut,
  optionType: OptionType,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
): GreeksOut {
  const omega = optionType === 'CALL' ? 1 : -1;
  const sqrtT = Math.sqrt(timeYears);
  const volSqrtT = volatility * sqrtT;
  const dividendDiscount = Math.exp(-dividendYield * timeYears);
  const discount = Math.exp(-rate * timeYears);
  const forwardLeg = spot * dividendDiscount; // S e^{−qT} = e^{−rT}·F
  const strikeLeg = strike * discount; // K e^{−rT}

  let cdf1: number; // Φ(ω d1)
  let cdf2: number; // Φ(ω d2)
  let pdf1 = 0; // φ(d1), 0 in the limit
  let thetaDiffusion = 0; // −S e^{−qT} φ(d1) σ / (2√T)
  if (volSqrtT > 0) {
    const d1 = (Math.log(spot / strike) + (rate - dividendYield) * timeYears) / volSqrtT + 0.5 * volSqrtT;
    // d1 is ±∞ when σ√T is negligible next to ln(F/K); Φ and φ take the infinite limits exactly.
    cdf1 = normCdf(omega * d1);
    cdf2 = normCdf(omega * (d1 - volSqrtT));
    pdf1 = normPdf(d1);
    thetaDiffusion = (-0.5 * forwardLeg * pdf1 * volatility) / sqrtT;
  } else {
    const moneyness = omega * (forwardLeg - strikeLeg);
    cdf1 = moneyness > 0 ? 1 : moneyness === 0 ? 0.5 : 0;
    cdf2 = cdf1;
  }
  // `+ 0` turns the −0 of a put's zero (ω = −1 times 0) into 0, which formatters would print as "-0".
  out.price = omega * (forwardLeg * cdf1 - strikeLeg * cdf2) + 0;
  out.delta = omega * dividendDiscount * cdf1 + 0;
  out.gamma = pdf1 === 0 ? 0 : (dividendDiscount * pdf1) / (spot * volSqrtT);
  out.vega = forwardLeg * pdf1 * sqrtT;
  out.theta = thetaDiffusion + omega * (dividendYield * forwardLeg * cdf1 - rate * strikeLeg * cdf2) + 0;
  out.rho = omega * timeYears * strikeLeg * cdf2 + 0;
  return out;
}

/**
 * Black-76 (Black 1976) price and Greeks of a European option on a forward or futures price F, written
 * into `out` (returned). Delta and gamma are with respect to F; rho holds F fixed (rho = −T·price).
 * Inputs are not validated: F > 0, K > 0, T ≥ 0, σ ≥ 0, all finite (see priceOption).
 */
export function black76Into(
  out: GreeksOut,
  optionType: OptionType,
  forward: number,
  strike: number,
  timeYears: number,
  rate: number,
  volatility: number,
): GreeksOut {
  blackScholesMertonInto(out, optionType, forward, strike, timeYears, rate, rate, volatility);
  out.rho = -timeYears * out.price + 0;
  return out;
}

/**
 * Gamma of one option re-priced at many underlying levels, in the generalised Black-Scholes form with
 * cost of carry b (Haug, 2nd ed., §1.1.6): Γ(S) = e^{(b−r)T} φ(d1) / (S σ √T),
 * d1 = (ln S − ln K + (b + σ²/2)T) / (σ√T). b = r − q gives Black-Scholes-Merton on spot, b = 0 Black-76
 * on a forward. Everything but S is fixed once, so each level costs one exp: a gamma-exposure profile
 * re-prices every option of a chain at every level.
 */
export interface PreparedGamma {
  lnStrike: number;
  drift: number;
  totalVol: number;
  discount: number;
}

const INV_SQRT_2PI = 0.398_942_280_401_432_7;

export function prepareGamma(
  strike: number,
  timeYears: number,
  rate: number,
  costOfCarry: number,
  volatility: number,
): PreparedGamma {
  return {
    lnStrike: Math.log(strike),
    drift: (costOfCarry + 0.5 * volatility * volatility) * timeYears,
    totalVol: volatility * Math.sqrt(timeYears),
    discount: Math.exp((costOfCarry - rate) * timeYears),
  };
}

/** Γ at `underlying` (whose log the caller computed once per level); 0 without total variance. */
export function preparedGammaAt(prepared: PreparedGamma, underlying: number, lnUnderlying: number): number {
  const { totalVol } = prepared;
  if (!(totalVol > 0)) return 0;
  const d1 = (lnUnderlying - prepared.lnStrike + prepared.drift) / totalVol;
  return (prepared.discount * INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1)) / (underlying * totalVol);
}

/**
 * Price of one option re-priced at many underlying levels, in the same generalised form (Haug, 2nd ed.,
 * §1.1.6): V(S) = ω[S e^{(b−r)T} Φ(ω d1) − K e^{−rT} Φ(ω d2)], d2 = d1 − σ√T. Everything but S is fixed
 * once, so each level costs two Φ: a strategy's P&L curve re-prices every leg at every price of its grid.
 * Without total variance it is the discounted intrinsic value on the forward, as in blackScholesMertonInto.
 * ln S − ln K stands for ln(S/K), which costs at most ~2e-15 of S in the price (ln S and ln K each round
 * to half an ulp of about 10).
 */
export interface PreparedPrice {
  omega: 1 | -1;
  lnStrike: number;
  drift: number;
  totalVol: number;
  /** e^{(b−r)T}: S times this is the discounted forward, S e^{−qT} (BSM) or e^{−rT}·F (Black-76). */
  carryDiscount: number;
  /** K e^{−rT}. */
  strikeLeg: number;
}

export function preparePrice(
  optionType: OptionType,
  strike: number,
  timeYears: number,
  rate: number,
  costOfCarry: number,
  volatility: number,
): PreparedPrice {
  return {
    omega: optionType === 'CALL' ? 1 : -1,
    lnStrike: Math.log(strike),
    drift: (costOfCarry + 0.5 * volatility * volatility) * timeYears,
    totalVol: volatility * Math.sqrt(timeYears),
    carryDiscount: Math.exp((costOfCarry - rate) * timeYears),
    strikeLeg: strike * Math.exp(-rate * timeYears),
  };
}

/** The price at `underlying`, whose log the caller computed once per level. */
export function preparedPriceAt(prepared: PreparedPrice, underlying: number, lnUnderlying: number): number {
  const { omega, totalVol, strikeLeg } = prepared;
  const forwardLeg = underlying * prepared.carryDiscount;
  if (!(totalVol > 0)) {
    const moneyness = omega * (forwardLeg - strikeLeg);
    return moneyness > 0 ? moneyness : 0;
  }
  const d1 = (lnUnderlying - prepared.lnStrike + prepared.drift) / totalVol;
  // `+ 0` as in blackScholesMertonInto: no −0 from a put's ω = −1.
  return omega * (forwardLeg * normCdf(omega * d1) - strikeLeg * normCdf(omega * (d1 - totalVol))) + 0;
}

/** The pricing conventions a product carries (wire names): which model, at which rate and yield. */
export interface ModelConventions {
  model: 'black-scholes-merton' | 'black-76';
  rate: number;
  /** Used by Black-Scholes-Merton only; Black-76 prices on a forward, which carries no yield. */
  dividend_yield: number;
}

/**
 * Cost of carry b of the generalised form (Haug, 2nd ed., §1.1.6): r − q for Black-Scholes-Merton on spot,
 * 0 for Black-76 on a forward (whose price already carries it). The forward to T is S e^{bT}.
 */
export function costOfCarry(conventions: ModelConventions): number {
  return conventions.model === 'black-76' ? 0 : conventions.rate - conventions.dividend_yield;
}

/**
 * Price and Greeks under a product's conventions: Black-76 on a forward (`underlying` is the futures
 * price) or Black-Scholes-Merton on spot with its dividend yield. The one place that dispatches on
 * the model, for the tiers that price many options of one product.
 */
export function priceWithConventionsInto(
  out: GreeksOut,
  conventions: ModelConventions,
  optionType: OptionType,
  underlying: number,
  strike: number,
  timeYears: number,
  volatility: number,
): GreeksOut {
  return conventions.model === 'black-76'
    ? black76Into(out, optionType, underlying, strike, timeYears, conventions.rate, volatility)
    : blackScholesMertonInto(
        out,
        optionType,
        underlying,
        strike,
        timeYears,
        conventions.rate,
        conventions.dividend_yield,
        volatility,
      );
}
