// Normalised implied volatility by P. Jäckel, "Let's Be Rational", Wilmott (2015) 40–53, following his
// reference implementation lets_be_rational.cpp (2013–2014): an initial guess from one of four rational
// cubic interpolations of transformed Black functions, then at most two Householder(3) iterations on an
// objective function chosen per branch, which reaches double precision everywhere.
//
// Conventions: x = ln(F/K), s = σ·√T (total volatility), beta = undiscounted price/√(F·K), θ = ±1.

import { inverseNormCdf, normCdf, normPdf } from '../math/normal';
import {
  convexControlParameterToFitSecondDerivativeAtLeftSide,
  convexControlParameterToFitSecondDerivativeAtRightSide,
  rationalCubicInterpolation,
} from './rational-cubic';
import { normalisedBlackCall, normalisedIntrinsic, normalisedVega } from './normalised-black';

const DBL_EPSILON = Number.EPSILON;
const DBL_MIN = 2.2250738585072014e-308; // smallest normal double
const DBL_MAX = Number.MAX_VALUE;
const SQRT_DBL_MAX = Math.sqrt(DBL_MAX);
const TWO_PI = 2 * Math.PI;
const SQRT_THREE = Math.sqrt(3);
const SQRT_ONE_OVER_THREE = Math.sqrt(1 / 3);
const TWO_PI_OVER_SQRT_TWENTY_SEVEN = (2 * Math.PI) / Math.sqrt(27);
const PI_OVER_SIX = Math.PI / 6;
const SQRT_PI_OVER_TWO = Math.sqrt(Math.PI / 2);
// Jäckel (2015): two Householder(3) steps from the rational guess reach double precision.
const MAXIMUM_ITERATIONS = 2;

// Householder's third-order step factor: s ← s + newton·(1 + halley·newton/2)/(1 + newton·(halley + hh3·newton/6)),
// where newton = −g/g′, halley = g″/g′, hh3 = g‴/g′ for the branch's objective g.
function householderFactor(newton: number, halley: number, hh3: number): number {
  return (1 + 0.5 * halley * newton) / (1 + newton * (halley + (hh3 * newton) / 6));
}

/**
 * Total implied volatility s = σ·√T that reproduces the normalised price beta for x = ln(F/K) and θ = ±1.
 * beta must lie in [intrinsic, maximum) as checked by the caller: it returns 0 for beta at or below the
 * normalised intrinsic value and +∞ for beta at or above the normalised maximum e^{θx/2}.
 */
export function normalisedImpliedVolatility(beta: number, x: number, theta: number): number {
  // In-the-money → out-of-the-money by parity, then a put at x is a call at −x.
  if (theta * x > 0) {
    beta = Math.abs(Math.max(beta - normalisedIntrinsic(x, theta), 0));
    theta = -theta;
  }
  if (theta < 0) x = -x;
  if (beta <= 0) return 0;
  const bMax = Math.exp(0.5 * x);
  if (beta >= bMax) return Infinity;

  let iterations = 0;
  let directionReversals = 0;
  let f = -DBL_MAX;
  let s = -DBL_MAX;
  let ds = s;
  let dsPrevious = 0;
  let sLeft = DBL_MIN;
  let sRight = DBL_MAX;
  // The point of inflexion s_c = √|2x| of b(s) and the tangents there split [0, ∞) into
  // four branches, each with its own rational guess.
  const sC = Math.sqrt(Math.abs(2 * x));
  const bC = normalisedBlackCall(x, sC);
  const vC = normalisedVega(x, sC);

  if (beta < bC) {
    const sL = sC - bC / vC;
    const bL = normalisedBlackCall(x, sL);
    if (beta < bL) {
      // Lowest branch: interpolate f(beta) = 2π/√27·|x|·Φ(−|x|/(√3·s))³, which is close to linear in beta
      // near 0, between (0, 0) with slope 1 and (b_l, f_l) with f's first and second derivatives there.
      const ax = Math.abs(x);
      const z = (SQRT_ONE_OVER_THREE * ax) / sL;
      const y = z * z;
      const s2 = sL * sL;
      const phiCdf = normCdf(-z);
      const phiPdf = normPdf(z);
      const d2FLower =
        ((PI_OVER_SIX * y) / (s2 * sL)) *
        phiCdf *
        (8 * SQRT_THREE * sL * ax + ((3 * s2 * (s2 - 8) - 8 * x * x) * phiCdf) / phiPdf) *
        Math.exp(2 * y + 0.25 * s2);
      const phiCdf2 = phiCdf * phiCdf;
      const dFLower = TWO_PI * y * phiCdf2 * Math.exp(y + 0.125 * s2);
      const fLower = TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (phiCdf2 * phiCdf);
      const rLL = convexControlParameterToFitSecondDerivativeAtRightSide(
        0,
        bL,
        0,
        fLower,
        1,
        dFLower,
        d2FLower,
        true,
      );
      f = rationalCubicInterpolation(beta, 0, bL, 0, fLower, 1, dFLower, rLL);
      if (!(f > 0)) {
        // Round-off for extreme |x| (> 500): fall back to the quadratic with f(0) = 0, f′(0) = 1, f(b_l).
        const t = beta / bL;
        f = (fLower * t + bL * (1 - t)) * t;
      }
      s = Math.abs(x / (SQRT_THREE * inverseNormCdf(Math.cbrt(f / (TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax)))));
      sRight = sL;
      // Objective g(s) = 1/ln(b(s)) − 1/ln(beta), which is nearly linear in s where b is tiny:
      //   newton = (ln beta − ln b)·ln b/ln beta·b/b′,  halley = b″/b′ − b′/b·(1 + 2/ln b),
      //   hh3 = b‴/b′ + 2(b′/b)²·(1 + 3/ln b·(1 + 1/ln b)) − 3(b″/b′)(b′/b)·(1 + 2/ln b).
      for (; iterations < MAXIMUM_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
        if (ds * dsPrevious < 0) ++directionReversals;
        if (iterations > 0 && (directionReversals === 3 || !(s > sLeft && s < sRight))) {
          // Only for extreme |x| (> 500): bisect within the bracket.
          s = 0.5 * (sLeft + sRight);
          if (sRight - sLeft <= DBL_EPSILON * s) break;
          directionReversals = 0;
          ds = 0;
        }
        dsPrevious = ds;
        const b = normalisedBlackCall(x, s);
        const bp = normalisedVega(x, s);
        if (b > beta && s < sRight) sRight = s;
        else if (b < beta && s > sLeft) sLeft = s;
        if (b <= 0 || bp <= 0) {
          ds = 0.5 * (sLeft + sRight) - s;
        } else {
          const lnB = Math.log(b);
          const lnBeta = Math.log(beta);
          const bpOverB = bp / b;
          const h = x / s;
          const bHalley = (h * h) / s - s / 4;
          const newton = ((lnBeta - lnB) * lnB) / lnBeta / bpOverB;
          const halley = bHalley - bpOverB * (1 + 2 / lnB);
          const bHh3 = bHalley * bHalley - 3 * (h / s) * (h / s) - 0.25;
          const hh3 =
            bHh3 +
            2 * bpOverB * bpOverB * (1 + (3 / lnB) * (1 + 1 / lnB)) -
            3 * bHalley * bpOverB * (1 + 2 / lnB);
          ds = newton * householderFactor(newton, halley, hh3);
        }
        ds = Math.max(-0.5 * s, ds);
        s += ds;
      }
      return s;
    }
    // Lower middle branch: interpolate s(beta) itself between (b_l, s_l) and (b_c, s_c), slopes 1/vega.
    const vL = normalisedVega(x, sL);
    const rLM = convexControlParameterToFitSecondDerivativeAtRightSide(
      bL,
      bC,
      sL,
      sC,
      1 / vL,
      1 / vC,
      0,
      false,
    );
    s = rationalCubicInterpolation(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, rLM);
    sLeft = sL;
    sRight = sC;
  } else {
    const sH = vC > DBL_MIN ? sC + (bMax - bC) / vC : sC;
    const bH = normalisedBlackCall(x, sH);
    if (beta <= bH) {
      // Upper middle branch: interpolate s(beta) between (b_c, s_c) and (b_h, s_h).
      const vH = normalisedVega(x, sH);
      const rHM = convexControlParameterToFitSecondDerivativeAtLeftSide(
        bC,
        bH,
        sC,
        sH,
        1 / vC,
        1 / vH,
        0,
        false,
      );
      s = rationalCubicInterpolation(beta, bC, bH, sC, sH, 1 / vC, 1 / vH, rHM);
      sLeft = sC;
      sRight = sH;
    } else {
      // Highest branch: interpolate f(beta) = Φ(−s/2), which goes to 0 linearly (slope −1/2) as beta → b_max.
      const fUpper = normCdf(-0.5 * sH);
      const w = (x / sH) * (x / sH);
      const dFUpper = -0.5 * Math.exp(0.5 * w);
      const d2FUpper = (SQRT_PI_OVER_TWO * Math.exp(w + 0.125 * sH * sH) * w) / sH;
      if (d2FUpper > -SQRT_DBL_MAX && d2FUpper < SQRT_DBL_MAX) {
        const rHH = convexControlParameterToFitSecondDerivativeAtLeftSide(
          bH,
          bMax,
          fUpper,
          0,
          dFUpper,
          -0.5,
          d2FUpper,
          true,
        );
        f = rationalCubicInterpolation(beta, bH, bMax, fUpper, 0, dFUpper, -0.5, rHH);
      }
      if (f <= 0) {
        // Quadratic through f(b_h), f(b_max) = 0 with f′(b_max) = −1/2.
        const h = bMax - bH;
        const t = (beta - bH) / h;
        f = (fUpper * (1 - t) + 0.5 * h * t) * (1 - t);
      }
      s = -2 * inverseNormCdf(f);
      sLeft = sH;
      if (beta > 0.5 * bMax) {
        // Objective g(s) = ln((b_max − beta)/(b_max − b(s))):
        //   newton = −g/g′ with g′ = b′/(b_max − b),  halley = b″/b′ + g′,  hh3 = b‴/b′ + g′·(2g′ + 3b″/b′).
        for (; iterations < MAXIMUM_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
          if (ds * dsPrevious < 0) ++directionReversals;
          if (iterations > 0 && (directionReversals === 3 || !(s > sLeft && s < sRight))) {
            s = 0.5 * (sLeft + sRight);
            if (sRight - sLeft <= DBL_EPSILON * s) break;
            directionReversals = 0;
            ds = 0;
          }
          dsPrevious = ds;
          const b = normalisedBlackCall(x, s);
          const bp = normalisedVega(x, s);
          if (b > beta && s < sRight) sRight = s;
          else if (b < beta && s > sLeft) sLeft = s;
          if (b >= bMax || bp <= DBL_MIN) {
            ds = 0.5 * (sLeft + sRight) - s;
          } else {
            const bMaxMinusB = bMax - b;
            const g = Math.log((bMax - beta) / bMaxMinusB);
            const gp = bp / bMaxMinusB;
            const bHalley = ((x / s) * (x / s)) / s - s / 4;
            const bHh3 = bHalley * bHalley - 3 * (x / (s * s)) * (x / (s * s)) - 0.25;
            const newton = -g / gp;
            const halley = bHalley + gp;
            const hh3 = bHh3 + gp * (2 * gp + 3 * bHalley);
            ds = newton * householderFactor(newton, halley, hh3);
          }
          ds = Math.max(-0.5 * s, ds);
          s += ds;
        }
        return s;
      }
    }
  }
  // Middle branches: objective g(s) = b(s) − beta, for which halley = b″/b′ = x²/s³ − s/4 and
  // hh3 = b‴/b′ = halley² − 3(x/s²)² − 1/4.
  for (; iterations < MAXIMUM_ITERATIONS && Math.abs(ds) > DBL_EPSILON * s; ++iterations) {
    if (ds * dsPrevious < 0) ++directionReversals;
    if (iterations > 0 && (directionReversals === 3 || !(s > sLeft && s < sRight))) {
      s = 0.5 * (sLeft + sRight);
      if (sRight - sLeft <= DBL_EPSILON * s) break;
      directionReversals = 0;
      ds = 0;
    }
    dsPrevious = ds;
    const b = normalisedBlackCall(x, s);
    const bp = normalisedVega(x, s);
    if (b > beta && s < sRight) sRight = s;
    else if (b < beta && s > sLeft) sLeft = s;
    const newton = (beta - b) / bp;
    const halley = ((x / s) * (x / s)) / s - s / 4;
    const hh3 = halley * halley - 3 * (x / (s * s)) * (x / (s * s)) - 0.25;
    ds = Math.max(-0.5 * s, newton * householderFactor(newton, halley, hh3));
    s += ds;
  }
  return s;
}
