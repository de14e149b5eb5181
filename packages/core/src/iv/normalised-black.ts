// Black's formula on a forward, in P. Jäckel's normalised form ("Let's Be Rational", Wilmott (2015) 40–53,
// and his reference implementation lets_be_rational.cpp):
//
//   b(x, s, θ) = θ·[ e^{x/2}·Φ(θ·(x/s + s/2)) − e^{−x/2}·Φ(θ·(x/s − s/2)) ],  x = ln(F/K), s = σ·√T,
//
// with θ = +1 for a call and −1 for a put, so that the undiscounted Black price is √(F·K)·b. T is in years
// and σ is the annualised volatility. The call is evaluated in one of four regions (asymptotic expansion,
// small-s expansion, plain Φ, erfcx) so that b keeps full relative precision even when it is tiny.

import type { OptionType } from '../schemas';
import { erfcx, normCdf } from '../math/normal';

const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
const SQRT_TWO_PI = 2.5066282746310002;
const FOURTH_ROOT_DBL_EPSILON = Math.sqrt(Math.sqrt(Number.EPSILON));
const SQRT_DBL_MIN = 1.4916681462400413e-154; // √(smallest normal double)
// η: below h = x/s = −10 the asymptotic expansion (region 1) is accurate to double precision.
const ASYMPTOTIC_EXPANSION_THRESHOLD = -10;
// τ = 2·ε^{1/16} ≈ 0.21: below t = s/2 = τ the small-t expansion (region 2) is accurate to double precision.
const SMALL_T_EXPANSION_THRESHOLD = 2 * Math.sqrt(Math.sqrt(FOURTH_ROOT_DBL_EPSILON));

/** θ = +1 for a call, −1 for a put. */
export function optionSign(optionType: OptionType): 1 | -1 {
  return optionType === 'CALL' ? 1 : -1;
}

/** Normalised intrinsic value θ·(e^{x/2} − e^{−x/2}) if positive, else 0 (θ = ±1). */
export function normalisedIntrinsic(x: number, theta: number): number {
  if (theta * x <= 0) return 0;
  const x2 = x * x;
  // 2·sinh(x/2) by its Taylor series where e^{x/2} − e^{−x/2} would cancel; the factor 98 ≈ 92897280^{1/4}
  // comes from the last coefficient.
  if (x2 < 98 * FOURTH_ROOT_DBL_EPSILON) {
    const value = x * (1 + x2 * (1 / 24 + x2 * (1 / 1920 + x2 * (1 / 322560 + x2 * (1 / 92897280)))));
    return Math.abs(Math.max(theta * value, 0));
  }
  const bMax = Math.exp(0.5 * x);
  return Math.abs(Math.max(theta * (bMax - 1 / bMax), 0));
}

// Region 1 (h < η, t small relative to |h|): A&S 26.2.12 applied to Y(z) = Φ(z)/φ(z) in
//   b = exp(−(h² + t²)/2)/√(2π) · [Y(h + t) − Y(h − t)],  h = x/s, t = s/2,
// expanded to 17th order in q = (h/r)², r = (h + t)(h − t), with coefficients in e = (t/h)² (Jäckel 2015);
// relative accuracy 1.64e-16 for h ≤ η.
function asymptoticExpansionOfNormalisedBlackCall(h: number, t: number): number {
  const e = (t / h) * (t / h);
  const r = (h + t) * (h - t);
  const q = (h / r) * (h / r);
  // prettier-ignore
  const sum =
    (2.0+q*(-6.0E0-2.0*e
    +3.0*q*(1.0E1+e*(2.0E1+2.0*e)
    +5.0*q*(-1.4E1+e*(-7.0E1+e*(-4.2E1-2.0*e))
    +7.0*q*(1.8E1+e*(1.68E2+e*(2.52E2+e*(7.2E1+2.0*e)))
    +9.0*q*(-2.2E1+e*(-3.3E2+e*(-9.24E2+e*(-6.6E2+e*(-1.1E2-2.0*e))))
    +1.1E1*q*(2.6E1+e*(5.72E2+e*(2.574E3+e*(3.432E3+e*(1.43E3+e*(1.56E2+2.0*e)))))
    +1.3E1*q*(-3.0E1+e*(-9.1E2+e*(-6.006E3+e*(-1.287E4+e*(-1.001E4+e*(-2.73E3+e*(-2.1E2-2.0*e))))))
    +1.5E1*q*(3.4E1+e*(1.36E3+e*(1.2376E4+e*(3.8896E4+e*(4.862E4+e*(2.4752E4+e*(4.76E3+e*(2.72E2+2.0*e)))))))
    +1.7E1*q*(-3.8E1+e*(-1.938E3+e*(-2.3256E4+e*(-1.00776E5+e*(-1.84756E5+e*(-1.51164E5+e*(-5.4264E4+e*(-7.752E3+e*(-3.42E2-2.0*e))))))))
    +1.9E1*q*(4.2E1+e*(2.66E3+e*(4.0698E4+e*(2.3256E5+e*(5.8786E5+e*(7.05432E5+e*(4.0698E5+e*(1.08528E5+e*(1.197E4+e*(4.2E2+2.0*e)))))))))
    +2.1E1*q*(-4.6E1+e*(-3.542E3+e*(-6.7298E4+e*(-4.90314E5+e*(-1.63438E6+e*(-2.704156E6+e*(-2.288132E6+e*(-9.80628E5+e*(-2.01894E5+e*(-1.771E4+e*(-5.06E2-2.0*e))))))))))
    +2.3E1*q*(5.0E1+e*(4.6E3+e*(1.0626E5+e*(9.614E5+e*(4.08595E6+e*(8.9148E6+e*(1.04006E7+e*(6.53752E6+e*(2.16315E6+e*(3.542E5+e*(2.53E4+e*(6.0E2+2.0*e)))))))))))
    +2.5E1*q*(-5.4E1+e*(-5.85E3+e*(-1.6146E5+e*(-1.77606E6+e*(-9.37365E6+e*(-2.607579E7+e*(-4.01166E7+e*(-3.476772E7+e*(-1.687257E7+e*(-4.44015E6+e*(-5.9202E5+e*(-3.51E4+e*(-7.02E2-2.0*e))))))))))))
    +2.7E1*q*(5.8E1+e*(7.308E3+e*(2.3751E5+e*(3.12156E6+e*(2.003001E7+e*(6.919458E7+e*(1.3572783E8+e*(1.5511752E8+e*(1.0379187E8+e*(4.006002E7+e*(8.58429E6+e*(9.5004E5+e*(4.7502E4+e*(8.12E2+2.0*e)))))))))))))
    +2.9E1*q*(-6.2E1+e*(-8.99E3+e*(-3.39822E5+e*(-5.25915E6+e*(-4.032015E7+e*(-1.6934463E8+e*(-4.1250615E8+e*(-6.0108039E8+e*(-5.3036505E8+e*(-2.8224105E8+e*(-8.870433E7+e*(-1.577745E7+e*(-1.472562E6+e*(-6.293E4+e*(-9.3E2-2.0*e))))))))))))))
    +3.1E1*q*(6.6E1+e*(1.0912E4+e*(4.74672E5+e*(8.544096E6+e*(7.71342E7+e*(3.8707344E8+e*(1.14633288E9+e*(2.07431664E9+e*(2.33360622E9+e*(1.6376184E9+e*(7.0963464E8+e*(1.8512208E8+e*(2.7768312E7+e*(2.215136E6+e*(8.184E4+e*(1.056E3+2.0*e)))))))))))))))
    +3.3E1*(-7.0E1+e*(-1.309E4+e*(-6.49264E5+e*(-1.344904E7+e*(-1.4121492E8+e*(-8.344518E8+e*(-2.9526756E9+e*(-6.49588632E9+e*(-9.0751353E9+e*(-8.1198579E9+e*(-4.6399188E9+e*(-1.6689036E9+e*(-3.67158792E8+e*(-4.707164E7+e*(-3.24632E6+e*(-1.0472E5+e*(-1.19E3-2.0*e)))))))))))))))))*q)))))))))))))))));
  const b = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t)) * (t / r) * sum;
  return Math.abs(Math.max(b, 0));
}

// Region 2 (t < τ): Y(h + t) − Y(h − t) expanded to 12th order in t (Jäckel 2015), with
// a = 1 + h·Y(h) = 1 + h·√(π/2)·erfcx(−h/√2).
function smallTExpansionOfNormalisedBlackCall(h: number, t: number): number {
  const a = 1 + h * (0.5 * SQRT_TWO_PI) * erfcx(-Math.SQRT1_2 * h);
  const w = t * t;
  const h2 = h * h;
  // prettier-ignore
  const expansion =
    2*t*(a
    +w*((-1+3*a+a*h2)/6
    +w*((-7+15*a+h2*(-1+10*a+a*h2))/120
    +w*((-57+105*a+h2*(-18+105*a+h2*(-1+21*a+a*h2)))/5040
    +w*((-561+945*a+h2*(-285+1260*a+h2*(-33+378*a+h2*(-1+36*a+a*h2))))/362880
    +w*((-6555+10395*a+h2*(-4680+17325*a+h2*(-840+6930*a+h2*(-52+990*a+h2*(-1+55*a+a*h2)))))/39916800+((-89055+135135*a+h2*(-82845+270270*a+h2*(-20370+135135*a+h2*(-1926+25740*a+h2*(-75+2145*a+h2*(-1+78*a+a*h2))))))*w)/6227020800.0))))));
  const b = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t)) * expansion;
  return Math.abs(Math.max(b, 0));
}

// Region 3 (h + t > 0.85): b is dominated by its first term, so the two terms are combined directly.
function normalisedBlackCallUsingNormCdf(x: number, s: number): number {
  const h = x / s;
  const t = 0.5 * s;
  const bMax = Math.exp(0.5 * x);
  const b = normCdf(h + t) * bMax - normCdf(h - t) / bMax;
  return Math.abs(Math.max(b, 0));
}

// Region 4: with Φ(z) = ½·exp(−z²/2)·erfcx(−z/√2),
//   b = ½·exp(−(h² + t²)/2)·[erfcx(−(h + t)/√2) − erfcx(−(h − t)/√2)],
// one exponential and a difference of two rational functions (Jäckel 2015).
function normalisedBlackCallUsingErfcx(h: number, t: number): number {
  const b =
    0.5 *
    Math.exp(-0.5 * (h * h + t * t)) *
    (erfcx(-Math.SQRT1_2 * (h + t)) - erfcx(-Math.SQRT1_2 * (h - t)));
  return Math.abs(Math.max(b, 0));
}

/** Normalised Black call b(x, s, +1), full relative precision in all four regions of Jäckel (2015). */
export function normalisedBlackCall(x: number, s: number): number {
  if (x > 0) return normalisedIntrinsic(x, 1) + normalisedBlackCall(-x, s);
  if (s <= 0) return normalisedIntrinsic(x, 1);
  // h < η and t < τ + |h| − |η|, written without dividing by s.
  if (
    x < s * ASYMPTOTIC_EXPANSION_THRESHOLD &&
    0.5 * s * s + x < s * (SMALL_T_EXPANSION_THRESHOLD + ASYMPTOTIC_EXPANSION_THRESHOLD)
  ) {
    return asymptoticExpansionOfNormalisedBlackCall(x / s, 0.5 * s);
  }
  if (0.5 * s < SMALL_T_EXPANSION_THRESHOLD) return smallTExpansionOfNormalisedBlackCall(x / s, 0.5 * s);
  if (x + 0.5 * s * s > s * 0.85) return normalisedBlackCallUsingNormCdf(x, s);
  return normalisedBlackCallUsingErfcx(x / s, 0.5 * s);
}

/** Normalised vega ∂b/∂s = φ(x/s + s/2)·e^{x/2} = exp(−((x/s)² + (s/2)²)/2)/√(2π), the same for calls and puts. */
export function normalisedVega(x: number, s: number): number {
  const ax = Math.abs(x);
  if (ax <= 0) return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.125 * s * s);
  if (s <= 0 || s <= ax * SQRT_DBL_MIN) return 0;
  const h = x / s;
  const t = 0.5 * s;
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + t * t));
}

/**
 * Normalised Black price b(x, s) = price/√(F·K) for x = ln(F/K) and total volatility s = σ·√T.
 * A put is the call at −x (reciprocal-strike call–put symmetry).
 */
export function normalisedBlack(x: number, s: number, optionType: OptionType): number {
  return normalisedBlackCall(optionType === 'CALL' ? x : -x, s);
}

/**
 * Undiscounted Black (1976) price of a European option on a forward F with strike K, annualised
 * volatility σ and time to expiry T in years: multiply by the discount factor for a present value.
 * In-the-money options are priced as intrinsic value plus the out-of-the-money option (put–call parity),
 * which keeps the time value exact to full relative precision.
 */
export function undiscountedBlackPrice(
  forward: number,
  strike: number,
  volatility: number,
  timeYears: number,
  optionType: OptionType,
): number {
  const theta = optionSign(optionType);
  const intrinsic = Math.max(theta * (forward - strike), 0);
  const x = Math.log(forward / strike);
  // The out-of-the-money side (a call when F < K, a put when F > K) is b at −|x|.
  const timeValue =
    Math.sqrt(forward) *
    Math.sqrt(strike) *
    normalisedBlackCall(-Math.abs(x), volatility * Math.sqrt(timeYears));
  return intrinsic + timeValue;
}
