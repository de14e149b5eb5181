/* eslint-disable no-loss-of-precision -- Cody's and Wichura's coefficients are quoted with the digits they were published with, so they can be checked against the papers; each literal rounds to the nearest double. */
// Error function and the standard normal distribution in double precision.
//
// erf / erfc / erfcx: W. J. Cody, "Rational Chebyshev approximations for the error function",
// Math. Comp. 23 (1969) 631–637, in the form of his CALERF routine (SPECFUN, 1990), the same algorithm
// P. Jäckel ships as erf_cody.cpp with "Let's Be Rational". Three intervals of |x|: [0, 0.46875] (erf),
// (0.46875, 4] and (4, ∞) (erfcx = exp(x²)·erfc(x)); the coefficients below are Cody's double-precision
// set, good to about 1e-16 relative on each interval.
//
// inverseNormCdf: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37 (1988) 477–484, routine PPND16 (about 1e-16 relative).

const SQRT_PI_INV = 0.56418958354775628695; // 1/√π, Cody's SQRPI
const SQRT_2PI_INV = 0.3989422804014326779399460599343818684758586311649; // 1/√(2π)
const ERF_SMALL = 0.46875; // Cody's THRESH: end of the first interval
const ERFC_UNDERFLOW = 26.543; // Cody's XBIG: erfc(x) underflows beyond it
const ERFCX_NEGATIVE_OVERFLOW = -26.628; // Cody's XNEG: erfcx(x) overflows below it
const ERFCX_ASYMPTOTIC = 6.71e7; // Cody's XHUGE: erfcx(x) = 1/(x√π) to double precision beyond it
const ERFCX_UNDERFLOW = 2.53e307; // Cody's XMAX: erfcx(x) underflows beyond it
const VELTKAMP_SPLITTER = 134217729; // 2^27 + 1
// Φ(x) falls below the smallest normal double (2.2e-308) once x²/2 exceeds about 700; computing
// e^{64}·Φ(x) first keeps the intermediate products normal so that only the final product by e^{−64}
// rounds into the subnormal range.
const SUBNORMAL_GUARD_SQUARE = 1400;
const EXP_MINUS_64 = Math.exp(-64);

// exp(shift − c·x²) for c ∈ {1, ½} without the loss that rounding x² costs at large |x| (fl(x²) carries an
// absolute error of up to x²·1.1e-16, i.e. a relative error of that size after exp). x² = p + e exactly
// (Dekker's two-product with Veltkamp's split), then exp(−c·x²) = exp(−c·p)·(1 − c·e) since |e| ≤ ulp(p)/2.
// The shift lets callers keep the exponential in the normal range when the final result is subnormal.
// Cody splits x at multiples of 1/16 for the same purpose, at the price of a second exp.
function expOfMinusScaledSquare(x: number, c: number, shift = 0): number {
  const p = x * x;
  if (c * p > 800) return 0; // exp underflows; also keeps the split below away from overflow at |x| ≥ 1e300
  const t = VELTKAMP_SPLITTER * x;
  const hi = t - (t - x);
  const lo = x - hi;
  const e = hi * hi - p + 2 * hi * lo + lo * lo;
  return Math.exp(shift - c * p) * (1 - c * e);
}

// erfcx(y) = exp(y²)·erfc(y) for y > 0.46875: Cody's second and third intervals.
function erfcxPositiveTail(y: number): number {
  if (y <= 4) {
    const num =
      (((((((2.15311535474403846e-8 * y + 5.64188496988670089e-1) * y + 8.88314979438837594) * y +
        6.61191906371416295e1) *
        y +
        2.98635138197400131e2) *
        y +
        8.8195222124176909e2) *
        y +
        1.71204761263407058e3) *
        y +
        2.05107837782607147e3) *
        y +
      1.23033935479799725e3;
    const den =
      (((((((y + 1.57449261107098347e1) * y + 1.17693950891312499e2) * y + 5.37181101862009858e2) * y +
        1.62138957456669019e3) *
        y +
        3.29079923573345963e3) *
        y +
        4.36261909014324716e3) *
        y +
        3.43936767414372164e3) *
        y +
      1.23033935480374942e3;
    return num / den;
  }
  if (y >= ERFCX_UNDERFLOW) return 0;
  if (y >= ERFCX_ASYMPTOTIC) return SQRT_PI_INV / y;
  const z = 1 / (y * y);
  const num =
    ((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z +
      1.25781726111229246e-1) *
      z +
      1.60837851487422766e-2) *
      z +
    6.58749161529837803e-4;
  const den =
    ((((z + 2.56852019228982242) * z + 1.87295284992346047) * z + 5.27905102951428412e-1) * z +
      6.05183413124413191e-2) *
      z +
    2.33520497626869185e-3;
  return (SQRT_PI_INV - (z * num) / den) / y;
}

// erf(x) for |x| ≤ 0.46875: Cody's first interval.
function erfSmall(x: number): number {
  const z = x * x;
  const num =
    (((1.85777706184603153e-1 * z + 3.1611237438705656) * z + 1.13864154151050156e2) * z +
      3.77485237685302021e2) *
      z +
    3.20937758913846947e3;
  const den =
    (((z + 2.36012909523441209e1) * z + 2.44024637934444173e2) * z + 1.28261652607737228e3) * z +
    2.84423683343917062e3;
  return (x * num) / den;
}

// erfc(y) for y > 0.46875.
function erfcPositiveTail(y: number): number {
  if (y >= ERFC_UNDERFLOW) return 0;
  return erfcxPositiveTail(y) * expOfMinusScaledSquare(y, 1);
}

/** The error function erf(x) = 2/√π ∫₀ˣ e^{−t²} dt. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_SMALL) return erfSmall(x);
  const result = 0.5 - erfcPositiveTail(y) + 0.5;
  return x < 0 ? -result : result;
}

/** The complementary error function erfc(x) = 1 − erf(x), without cancellation for large x. */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_SMALL) return 1 - erfSmall(x);
  const tail = erfcPositiveTail(y);
  return x < 0 ? 2 - tail : tail;
}

/** The scaled complementary error function erfcx(x) = exp(x²)·erfc(x) (∼ 1/(x√π) as x → ∞). */
export function erfcx(x: number): number {
  const y = Math.abs(x);
  if (y <= ERF_SMALL) return Math.exp(x * x) * (1 - erfSmall(x));
  if (x > 0) return erfcxPositiveTail(y);
  if (x < ERFCX_NEGATIVE_OVERFLOW) return Infinity;
  return 2 / expOfMinusScaledSquare(x, 1) - erfcxPositiveTail(y);
}

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normPdf(x: number): number {
  return SQRT_2PI_INV * expOfMinusScaledSquare(x, 0.5);
}

/**
 * Standard normal distribution function Φ(x) = ½·erfc(−x/√2).
 *
 * For x < −0.46875·√2 it is evaluated as ½·erfcx(−x/√2)·exp(−x²/2): erfcx varies slowly, so the rounding
 * of x/√2 costs nothing, and the Gaussian factor is taken from x itself. This keeps Φ relatively accurate
 * to about 1e-15 all the way into the tail (Φ(−10) ≈ 7.6e-24) and positive down to x ≈ −38.4, where it
 * underflows (below x ≈ −37.5 the result is subnormal and carries fewer significant digits).
 * For x > 0.46875·√2 it is 1 − Φ(−x).
 */
export function normCdf(x: number): number {
  const y = -x * Math.SQRT1_2;
  if (Math.abs(y) <= ERF_SMALL) return 0.5 - 0.5 * erfSmall(y);
  if (y < 0) return 1 - normCdf(-x);
  if (x * x > SUBNORMAL_GUARD_SQUARE) {
    return 0.5 * erfcxPositiveTail(y) * expOfMinusScaledSquare(x, 0.5, 64) * EXP_MINUS_64;
  }
  return 0.5 * erfcxPositiveTail(y) * expOfMinusScaledSquare(x, 0.5);
}

/** Inverse of the standard normal distribution function, Φ⁻¹(p) for p ∈ [0, 1] (±∞ at 0 and 1). */
export function inverseNormCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
          4.5921953931549871457e4) *
          r +
          1.3731693765509461125e4) *
          r +
          1.9715909503065514427e3) *
          r +
          1.3314166789178437745e2) *
          r +
          3.387132872796366608)) /
      (((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r +
        2.1213794301586595867e4) *
        r +
        5.3941960214247511077e3) *
        r +
        6.871870074920579083e2) *
        r +
        4.2313330701600911252e1) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.4810397642748007459e-1) *
        r +
        6.8976733498510000455e-1) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        2.9656057182850489123e-1) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        1.48753612908506148525e-2) *
        r +
        1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
        1);
  }
  return q < 0 ? -x : x;
}
