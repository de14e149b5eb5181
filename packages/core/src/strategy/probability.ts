// Probability of profit and expected P&L at the strategy's nearest expiry T, under the lognormal
// risk-neutral law of Black-Scholes-Merton / Black-76 at that expiry's ATM implied volatility σ:
//   ln S_T ~ N(ln F − σ²T/2, σ²T),  F = S e^{(r−q)T} (drift r − q on spot) or F = the futures price
//   (Black-76: a futures price has no drift under the risk-neutral measure),
// so P(S_T > x) = Φ(d2(x)), d2(x) = [ln(F/x) − σ²T/2]/(σ√T) (Hull 8th ed., Ch. 15: N(d2) is the
// risk-neutral probability that a call struck at x is exercised). One σ for every strike: the smile is
// not modelled. The premium is not carried: a P&L at expiry is value then minus premium paid now.
//
// Probability of profit = Σ over the ranges where the P&L at expiry is positive of P(from < S_T < to).
// Expected P&L = E[P&L at expiry], undiscounted (the mean of the very curve the probability integrates),
// in closed form per leg:
//   - an option expiring at T: E[(ω(S_T − K))⁺] = Black's undiscounted price at F, σ, T;
//   - an underlying leg: E[S_T] = F;
//   - a later option, worth its model price with its own σ' over the τ left at T: S_T × (its lognormal
//     move over τ) is lognormal with total variance σ²T + σ'²τ, so its expected value at T is
//     e^{−rτ} × Black's undiscounted price at the forward to its own expiry with that total variance.
// For one leg this is e^{rT} × (model price at σ) − entry price.

import { undiscountedBlackPrice } from '../iv';
import { normCdf } from '../math';
import { costOfCarry } from '../pricing';
import type { ProfitableRegion } from './breakevens';
import type { StrategyModel, StrategyValuation } from './valuation';

/** The law of the underlying at the nearest expiry: ln S_T ~ N(ln forward − variance/2, variance). */
export interface ExpiryLaw {
  forward: number;
  /** σ²T. */
  variance: number;
  /** Years from as_of to the nearest expiry under the day count. */
  timeYears: number;
  volatility: number;
}

export function expiryLaw(model: StrategyModel, atmIv: number): ExpiryLaw {
  const timeYears = model.nearestExpiryYears;
  return {
    forward: model.spot * Math.exp(costOfCarry(model.product.conventions) * timeYears),
    variance: atmIv * atmIv * timeYears,
    timeYears,
    volatility: atmIv,
  };
}

/**
 * The one-standard-deviation move of the underlying to an expiry, spot × σ × √T: the ±1σ move traders
 * quote (σ√T is the standard deviation of log-price at T; times spot, its size in price to first order).
 */
export function oneSigmaMove(spot: number, atmIv: number, timeYears: number): number {
  return spot * atmIv * Math.sqrt(timeYears);
}

/** P(S_T > price) under `law`; with no variance S_T = F for sure. */
export function probabilityAbove(law: ExpiryLaw, price: number): number {
  if (price <= 0) return 1;
  if (!(law.variance > 0)) return law.forward > price ? 1 : 0;
  const totalVol = Math.sqrt(law.variance);
  return normCdf((Math.log(law.forward / price) - 0.5 * law.variance) / totalVol);
}

/** P(P&L at expiry > 0): `region` is profitableRegion of the valuation at the nearest expiry. */
export function probabilityOfProfit(region: ProfitableRegion, law: ExpiryLaw): number {
  let probability = 0;
  for (const { from, to } of region.ranges) {
    probability += probabilityAbove(law, from) - (to === null ? 0 : probabilityAbove(law, to));
  }
  return Math.min(1, Math.max(0, probability));
}

/** E[P&L at expiry] under `law`, undiscounted; `atExpiry` is the valuation at the nearest expiry. */
export function expectedPnlAtExpiry(atExpiry: StrategyValuation, law: ExpiryLaw): number {
  const { legs, cost, product } = atExpiry.model;
  const { rate } = product.conventions;
  const carry = costOfCarry(product.conventions);
  let expected = 0;
  for (let i = 0; i < legs.length; i += 1) {
    const leg = legs[i]!;
    if (leg.optionType === null) {
      expected += leg.units * law.forward;
      continue;
    }
    const tau = atExpiry.timeYears[i]!;
    const totalYears = law.timeYears + tau;
    const variance = law.variance + atExpiry.volatility[i]! ** 2 * tau;
    const volatility = totalYears > 0 ? Math.sqrt(variance / totalYears) : 0;
    const forward = law.forward * Math.exp(carry * tau);
    const value =
      Math.exp(-rate * tau) *
      undiscountedBlackPrice(forward, leg.strike, volatility, totalYears, leg.optionType);
    expected += leg.units * value;
  }
  return expected - cost;
}
