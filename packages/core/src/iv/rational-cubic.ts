// Shape-preserving rational cubic interpolation: R. Delbourgo and J. A. Gregory, "Shape preserving piecewise
// rational interpolation", SIAM J. Sci. Stat. Comput. 6 (1985) 967–976, as used by P. Jäckel, "Let's Be
// Rational", Wilmott (2015) 40–53, for the initial guess of the implied volatility (his
// rationalcubic.cpp). On [xL, xR] the interpolant matches the values yL, yR and the slopes dL, dR; the
// control parameter r ≥ −1 bends it (r = 3 gives the ordinary cubic, r → ∞ the straight line).

const DBL_MIN = 2.2250738585072014e-308; // smallest normal double
const MINIMUM_CONTROL_PARAMETER = -(1 - Math.sqrt(Number.EPSILON));
const MAXIMUM_CONTROL_PARAMETER = 2 / (Number.EPSILON * Number.EPSILON); // at or above it: linear

function isZero(x: number): boolean {
  return Math.abs(x) < DBL_MIN;
}

/** Value at x of the rational cubic through (xL, yL), (xR, yR) with end slopes dL, dR and control r. */
export function rationalCubicInterpolation(
  x: number,
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  r: number,
): number {
  const h = xR - xL;
  if (Math.abs(h) <= 0) return 0.5 * (yL + yR);
  const t = (x - xL) / h;
  if (!(r >= MAXIMUM_CONTROL_PARAMETER)) {
    const omt = 1 - t;
    const t2 = t * t;
    const omt2 = omt * omt;
    // Delbourgo & Gregory (2.4) divided by (2.5).
    return (
      (yR * t2 * t + (r * yR - h * dR) * t2 * omt + (r * yL + h * dL) * t * omt2 + yL * omt2 * omt) /
      (1 + (r - 3) * t * omt)
    );
  }
  return yR * t + yL * (1 - t);
}

// Smallest r that keeps the interpolant monotone (Delbourgo & Gregory (3.8)) and convex or concave (3.18)
// when the data allow it; s is the slope of the chord.
function minimumControlParameter(
  dL: number,
  dR: number,
  s: number,
  preferShapePreservation: boolean,
): number {
  const monotonic = dL * s >= 0 && dR * s >= 0;
  const convex = dL <= s && s <= dR;
  const concave = dL >= s && s >= dR;
  if (!monotonic && !convex && !concave) return MINIMUM_CONTROL_PARAMETER;
  let r1 = -Number.MAX_VALUE;
  let r2 = r1;
  if (monotonic) {
    if (!isZero(s)) r1 = (dR + dL) / s;
    else if (preferShapePreservation) r1 = MAXIMUM_CONTROL_PARAMETER;
  }
  if (convex || concave) {
    const dRMinusDL = dR - dL;
    const dRMinusS = dR - s;
    const sMinusDL = s - dL;
    if (!(isZero(sMinusDL) || isZero(dRMinusS))) {
      r2 = Math.max(Math.abs(dRMinusDL / dRMinusS), Math.abs(dRMinusDL / sMinusDL));
    } else if (preferShapePreservation) {
      r2 = MAXIMUM_CONTROL_PARAMETER;
    }
  } else if (monotonic && preferShapePreservation) {
    r2 = MAXIMUM_CONTROL_PARAMETER;
  }
  return Math.max(MINIMUM_CONTROL_PARAMETER, r1, r2);
}

function controlParameterFromRatio(numerator: number, denominator: number): number {
  if (isZero(numerator)) return 0;
  if (isZero(denominator)) return numerator > 0 ? MAXIMUM_CONTROL_PARAMETER : MINIMUM_CONTROL_PARAMETER;
  return numerator / denominator;
}

/** Control parameter that makes the interpolant's second derivative at xL equal secondDerivativeL. */
export function convexControlParameterToFitSecondDerivativeAtLeftSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeL: number,
  preferShapePreservation: boolean,
): number {
  const h = xR - xL;
  const r = controlParameterFromRatio(0.5 * h * secondDerivativeL + (dR - dL), (yR - yL) / h - dL);
  return Math.max(r, minimumControlParameter(dL, dR, (yR - yL) / h, preferShapePreservation));
}

/** Control parameter that makes the interpolant's second derivative at xR equal secondDerivativeR. */
export function convexControlParameterToFitSecondDerivativeAtRightSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeR: number,
  preferShapePreservation: boolean,
): number {
  const h = xR - xL;
  const r = controlParameterFromRatio(0.5 * h * secondDerivativeR + (dR - dL), dR - (yR - yL) / h);
  return Math.max(r, minimumControlParameter(dL, dR, (yR - yL) / h, preferShapePreservation));
}
