/**
 * One step of geometric Brownian motion, dS = μS dt + σS dW, solved exactly over Δt:
 *   S(t + Δt) = S(t) · exp((μ − σ²/2)·Δt + σ·√Δt·Z),  Z ~ N(0, 1)
 * so ln S moves by a normal with mean (μ − σ²/2)Δt and variance σ²Δt (Hull, Options, Futures, and
 * Other Derivatives, 8th ed., Ch. 14, the process for a stock price and its lognormal property via
 * Itô's lemma). Exact in distribution for any Δt, so irregular timer steps leave the law unchanged.
 */
export function gbmStep(
  spot: number,
  driftPerYear: number,
  volatility: number,
  dtYears: number,
  z: number,
): number {
  return (
    spot *
    Math.exp((driftPerYear - 0.5 * volatility * volatility) * dtYears + volatility * Math.sqrt(dtYears) * z)
  );
}
