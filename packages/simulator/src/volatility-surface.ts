/**
 * The implied-volatility surface the simulator quotes on.
 *
 * Term structure of ATM volatility — the expected average variance to T of a mean-reverting variance
 * (the Heston model's, J. Gatheral, The Volatility Surface, Wiley 2006, Ch. 3):
 *   σ_atm(T)² = v∞ + (v₀ − v∞)·(1 − e^{−κT})/(κT),   v₀ = σ², v∞ = (LONG_RUN_RATIO·σ)²
 * where σ is the catalogue's volatility (also the volatility of the simulated underlying), so the
 * front of the curve is priced at the volatility the underlying realises and longer expiries rise
 * toward a long-run level LONG_RUN_RATIO·σ with speed κ = MEAN_REVERSION_PER_YEAR.
 *
 * Smile — quadratic in the strike's distance from the forward in standard deviations,
 * d = ln(K/F)/(σ_atm(T)·√T) (the practitioner quadratic of B. Dumas, J. Fleming, R. Whaley, "Implied
 * Volatility Functions: Empirical Tests", J. Finance 53(6), 1998, in standardised moneyness; its slope
 * in ln K then decays like 1/√T, as the ATM skew of index options roughly does, Gatheral 2006, Ch. 3,
 * so one pair of coefficients serves every expiry and every product):
 *   σ(K, T) = σ_atm(T)·(1 + SKEW·d + CONVEXITY·d²)
 * SKEW < 0 makes low strikes dearer (puts bid for protection); CONVEXITY > 0 lifts both wings. The
 * bracket stays positive (SKEW² < 4·CONVEXITY) and d is held within ±MAX_MONEYNESS_SD, beyond which
 * the wings are flat. The coefficients are small enough that quoted prices stay free of vertical-spread
 * arbitrage: puts must gain value with the strike, which in these units needs the Mills ratio
 * Φ(−d₂)/φ(d₂) to exceed the smile's slope |SKEW + 2·CONVEXITY·d| across the put wing (d₂ ≈ |d|/bracket);
 * at the edge, d = −2.5, that is 0.57 against 0.5. The result is clamped to [MIN_VOLATILITY,
 * MAX_VOLATILITY], the catalogue's own bound.
 */
export const SURFACE_PARAMETERS = {
  LONG_RUN_RATIO: 1.1,
  MEAN_REVERSION_PER_YEAR: 2,
  SKEW: -0.25,
  CONVEXITY: 0.05,
  MAX_MONEYNESS_SD: 2.5,
  MIN_VOLATILITY: 0.01,
  MAX_VOLATILITY: 5,
} as const;

const P = SURFACE_PARAMETERS;

/** ATM implied volatility for time to expiry `timeYears` (> 0) given the spot volatility. */
export function atmVolatility(spotVolatility: number, timeYears: number): number {
  const v0 = spotVolatility * spotVolatility;
  const vLongRun = (P.LONG_RUN_RATIO * spotVolatility) ** 2;
  const kappaT = P.MEAN_REVERSION_PER_YEAR * timeYears;
  // (1 − e^{−x})/x → 1 as x → 0; -expm1 keeps the ratio exact for the tiny T of an expiring series.
  const weight = kappaT > 0 ? -Math.expm1(-kappaT) / kappaT : 1;
  return Math.sqrt(vLongRun + (v0 - vLongRun) * weight);
}

/** Standardised moneyness ln(K/F)/(σ_atm·√T), held within ±MAX_MONEYNESS_SD. */
export function smileMoneyness(atm: number, strike: number, forward: number, timeYears: number): number {
  const d = Math.log(strike / forward) / (atm * Math.sqrt(timeYears));
  return Math.min(P.MAX_MONEYNESS_SD, Math.max(-P.MAX_MONEYNESS_SD, d));
}

/** Implied volatility at `strike` for an expiry whose ATM volatility is `atm`. */
export function smileVolatility(atm: number, strike: number, forward: number, timeYears: number): number {
  const d = smileMoneyness(atm, strike, forward, timeYears);
  const volatility = atm * (1 + P.SKEW * d + P.CONVEXITY * d * d);
  return Math.min(P.MAX_VOLATILITY, Math.max(P.MIN_VOLATILITY, volatility));
}
