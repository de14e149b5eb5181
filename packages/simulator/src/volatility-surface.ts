/**
 * The implied-volatility surface the simulator quotes on: free of static arbitrage by construction, so
 * that its prices have no butterfly (convexity in the strike) and no calendar arbitrage at any strike and
 * expiry, the far wings included.
 *
 * ATM total variance θ(T) = σ_atm(T)²·T, the expected integrated variance to T of a mean-reverting
 * variance (the Heston model's, J. Gatheral, The Volatility Surface, Wiley 2006, Ch. 3):
 *   θ(T) = v∞·T + (v₀ − v∞)·(1 − e^{−κT})/κ,   v₀ = σ², v∞ = (LONG_RUN_RATIO·σ)²
 * where σ is the catalogue's volatility (also the volatility of the simulated underlying), so the front
 * of the curve is priced at the volatility the underlying realises and longer expiries rise toward a
 * long-run level LONG_RUN_RATIO·σ with speed κ = MEAN_REVERSION_PER_YEAR. θ grows with T
 * (dθ/dT = v∞ + (v₀ − v∞)·e^{−κT}, a mixture of two positive variances).
 *
 * Smile — SSVI, the surface SVI of J. Gatheral and A. Jacquier, "Arbitrage-free SVI volatility
 * surfaces", Quantitative Finance 14(1), 2014, eq. (4.1), in log forward moneyness k = ln(K/F_T):
 *   w(k, θ) = θ/2 · (1 + ρφk + √((φk + ρ)² + 1 − ρ²))
 * with the power-law φ(θ) = η/(θ^γ·(1 + θ)^{1−γ}) of their §4.3, here γ = ½. Their conditions hold for
 * every θ > 0 when |ρ| < 1 and η(1 + |ρ|) ≤ 2:
 *   - Theorem 4.2 (no butterfly arbitrage in any slice): θφ(1 + |ρ|) = η(1 + |ρ|)·√(θ/(1+θ)) < 4 and
 *     θφ²(1 + |ρ|) = η²(1 + |ρ|)/(1 + θ) ≤ 4;
 *   - Theorem 4.1 (no calendar arbitrage): θ grows with T, and ∂θ(θφ) = φ/(2(1 + θ)) lies within
 *     [0, φ·(1 + √(1 − ρ²))/ρ²];
 * and the wings grow linearly in |k| with slopes θφ(1 ± ρ)/2 < 2 (R. Lee's moment formula, Math.
 * Finance 14(3), 2004), so call prices fall to zero as the strike grows.
 *
 * Character: the smile depends on k/√θ alone for short expiries (φ√θ → η), so one set of parameters
 * serves every product and expiry, as a smile quoted in standard deviations of moneyness does. The ATM
 * skew is ∂σ/∂k = ρη/(2√(T(1 + θ))) — it decays like 1/√T as the skew of index options roughly does
 * (Gatheral 2006, Ch. 3) — and ρ < 0 makes low strikes dearer (puts bid for protection): in standard
 * deviations d = k/√θ, σ/σ_atm ≈ 1 + (ρη/2)·d near the money, −0.25·d with ρ = −0.5 and η = 1. Far
 * from the money the smile keeps rising (total variance linear in |k|) instead of flattening.
 */
export const SURFACE_PARAMETERS = {
  LONG_RUN_RATIO: 1.1,
  MEAN_REVERSION_PER_YEAR: 2,
  RHO: -0.5,
  ETA: 1,
} as const;

const P = SURFACE_PARAMETERS;

/** ATM total implied variance θ(T) = σ_atm(T)²·T for time to expiry `timeYears` (≥ 0). */
export function atmTotalVariance(spotVolatility: number, timeYears: number): number {
  const v0 = spotVolatility * spotVolatility;
  const vLongRun = (P.LONG_RUN_RATIO * spotVolatility) ** 2;
  const kappa = P.MEAN_REVERSION_PER_YEAR;
  // (1 − e^{−κT})/κ through -expm1, exact for the tiny T of an expiring series.
  return vLongRun * timeYears + ((v0 - vLongRun) * -Math.expm1(-kappa * timeYears)) / kappa;
}

/** ATM implied volatility for time to expiry `timeYears` (> 0) given the spot volatility. */
export function atmVolatility(spotVolatility: number, timeYears: number): number {
  return Math.sqrt(atmTotalVariance(spotVolatility, timeYears) / timeYears);
}

/** SSVI total implied variance w(k, θ) at log forward moneyness `k` on the slice of ATM total variance θ. */
export function totalImpliedVariance(atmVariance: number, logMoneyness: number): number {
  const phi = P.ETA / Math.sqrt(atmVariance * (1 + atmVariance));
  const x = phi * logMoneyness;
  return (atmVariance / 2) * (1 + P.RHO * x + Math.hypot(x + P.RHO, Math.sqrt(1 - P.RHO * P.RHO)));
}

/** Implied volatility at `strike` for an expiry `timeYears` (> 0) away with forward `forward`. */
export function impliedVolatility(
  spotVolatility: number,
  strike: number,
  forward: number,
  timeYears: number,
): number {
  const theta = atmTotalVariance(spotVolatility, timeYears);
  return Math.sqrt(totalImpliedVariance(theta, Math.log(strike / forward)) / timeYears);
}
