// Root of a continuous function on a bracketing interval by Brent's method: R. P. Brent, "Algorithms for
// Minimization without Derivatives", Prentice-Hall 1973, Ch. 4 (procedure `zero`, the netlib `zeroin`),
// which refines T. J. Dekker's 1969 method. Each step takes inverse quadratic interpolation, the secant or
// bisection, whichever keeps the bracket shrinking, so it converges superlinearly on smooth functions and
// never slower than bisection (about 2·log2(width/tolerance) evaluations at worst) on rough ones.

/**
 * A root of `f` in [a, b], given fa = f(a) and fb = f(b) of opposite signs (or one of them 0), to
 * `relativeTolerance` of the root's magnitude (plus 2ε of it, the best a double can do): the returned x lies
 * within that distance of a sign change of f. Throws when the interval does not bracket a root.
 */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  fa: number,
  fb: number,
  relativeTolerance = 1e-12,
): number {
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) throw new RangeError(`brentRoot: [${a}, ${b}] does not bracket a root`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  // Bisection alone halves the bracket each step; 200 steps exhaust any double interval.
  for (let iteration = 0; iteration < 200; iteration += 1) {
    if (Math.abs(fc) < Math.abs(fb)) {
      // Keep b the best estimate and c the other end of the bracket.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = (2 * Number.EPSILON + 0.5 * relativeTolerance) * Math.abs(b);
    const half = 0.5 * (c - b);
    if (Math.abs(half) <= tolerance || fb === 0) return b;
    if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        // Secant through (a, fa) and (b, fb).
        p = 2 * half * s;
        q = 1 - s;
      } else {
        // Inverse quadratic interpolation through a, b and c.
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Accept the interpolated step only if it falls well inside the bracket and shrinks faster than
      // the step before last; otherwise bisect.
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tolerance ? d : half > 0 ? tolerance : -tolerance;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      // The root now lies between a and b: start a fresh bracket from a.
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
  }
  return b;
}
