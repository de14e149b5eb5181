import { describe, expect, it } from 'vitest';
import { erf, erfc, erfcx, inverseNormCdf, normCdf, normPdf } from './normal';

// Reference values: the double nearest to the exact value, computed with mpmath at 40 significant digits
// (ncdf, erf, erfc; erfcx as exp(x²)·erfc(x); Φ⁻¹ by root-finding on log Φ). Textbook checks agree:
// Φ(1.96) = 0.97500210485177956 (Abramowitz & Stegun table 26.1), erf(1) = 0.84270079294971487.

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tolerance);
}

describe('erf, erfc, erfcx (Cody 1969)', () => {
  it.each([
    [0.1, 0.1124629160182849],
    [-0.3, -0.3286267594591274],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
  ])('erf(%d)', (x, expected) => expectRelative(erf(x), expected, 1e-15));

  it('erf is odd and saturates', () => {
    expect(erf(0)).toBe(0);
    expect(erf(-1.3)).toBe(-erf(1.3));
    expect(erf(7)).toBe(1);
    expect(erf(-30)).toBe(-1);
  });

  it.each([
    [0.1, 0.887537083981715],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [-1, 1.8427007929497148],
    [3, 2.209049699858544e-5],
    [5, 1.537459794428035e-12],
    [26, 5.663192408856143e-296],
  ])('erfc(%d)', (x, expected) => expectRelative(erfc(x), expected, 1e-15));

  it('erfc underflows to 0 beyond x ≈ 26.5 and tends to 2 for x → −∞', () => {
    expect(erfc(27)).toBe(0);
    expect(erfc(-10)).toBe(2);
  });

  it.each([
    [0.2, 0.8090195199015807],
    [1, 0.427583576155807],
    [3, 0.17900115118138996],
    [10, 0.05614099274382259],
    [1000, 0.0005641893014533876],
    [1e9, 5.641895835477563e-10],
    [-2, 108.94090438997797],
  ])('erfcx(%d)', (x, expected) => expectRelative(erfcx(x), expected, 1e-15));

  it('erfcx follows its asymptotic series 1/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)) for large x', () => {
    for (const x of [30, 50, 100, 1e4, 1e6]) {
      const u = 1 / (2 * x * x);
      const series = (1 - u + 3 * u * u - 15 * u * u * u) / (x * Math.sqrt(Math.PI));
      // The first omitted term is 105·u⁴ ≤ 1.8e-10 at x = 30.
      expectRelative(erfcx(x), series, 2e-10);
    }
  });

  it('erfcx overflows to +∞ below x ≈ −26.6 and equals 1 at 0', () => {
    expect(erfcx(0)).toBe(1);
    expect(erfcx(-27)).toBe(Infinity);
  });

  it('erfc = 1 − erf and erfcx = exp(x²)·erfc on a grid where neither side loses digits', () => {
    for (let x = -3; x <= 0.45; x += 0.05) {
      expect(Math.abs(erfc(x) - (1 - erf(x)))).toBeLessThanOrEqual(4e-16);
    }
    for (let x = -3; x <= 3; x += 0.05) {
      expectRelative(erfcx(x), Math.exp(x * x) * erfc(x), 1e-14);
    }
  });
});

describe('normPdf and normCdf', () => {
  it.each([
    [0, 0.3989422804014327],
    [1, 0.24197072451914334],
    [-2.5, 0.017528300493568537],
  ])('φ(%d)', (x, expected) => expectRelative(normPdf(x), expected, 1e-15));

  it.each([
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145705],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160525e-24],
    [-20, 2.7536241186062337e-89],
  ])('Φ(%d) to 1e-15 relative', (x, expected) => expectRelative(normCdf(x), expected, 1e-15));

  it('Φ(−38) is positive and accurate to the precision a subnormal double carries', () => {
    // Exact: 2.8854283600687843e-316, whose nearest double is the subnormal 2.88542835e-316 (spacing 4.9e-324,
    // i.e. 1.7e-8 relative).
    expectRelative(normCdf(-38), 2.88542835e-316, 4e-8);
    expect(normCdf(-39)).toBe(0);
  });

  it('handles infinite and NaN arguments', () => {
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(normPdf(Infinity)).toBe(0);
    expect(normPdf(1e300)).toBe(0);
    expect(erfc(Infinity)).toBe(0);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfcx(Infinity)).toBe(0);
    expect(normCdf(NaN)).toBeNaN();
  });

  it('Φ(x) + Φ(−x) = 1 and Φ is monotone on a grid', () => {
    let previous = 0;
    for (let x = -12; x <= 12; x += 0.01) {
      expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16);
      expect(normCdf(x)).toBeGreaterThanOrEqual(previous);
      previous = normCdf(x);
    }
  });

  it('tail ratio Φ(x)/φ(x) matches its asymptotic series at x = −30 (Mills ratio)', () => {
    const x = -30;
    const u = 1 / (x * x);
    const mills = (1 - u + 3 * u * u - 15 * u * u * u + 105 * u ** 4) / -x;
    // The first omitted term is 945·u⁵ ≈ 3.9e-5·u… i.e. below 5e-12 relative here.
    expectRelative(normCdf(x) / normPdf(x), mills, 5e-12);
  });
});

describe('inverseNormCdf (Wichura 1988, AS241 PPND16)', () => {
  it.each([
    [0.7, 0.5244005127080407],
    [0.975, 1.9599639845400538],
    [0.99, 2.3263478740408408],
    [0.025, -1.9599639845400543],
    [0.01, -2.326347874040841],
    [1e-10, -6.361340902404057],
    [1e-300, -37.0470962993612],
  ])('Φ⁻¹(%d)', (p, expected) => expectRelative(inverseNormCdf(p), expected, 1e-15));

  it('handles the end points and rejects probabilities outside [0, 1]', () => {
    expect(inverseNormCdf(0.5)).toBe(0);
    expect(inverseNormCdf(0)).toBe(-Infinity);
    expect(inverseNormCdf(1)).toBe(Infinity);
    expect(inverseNormCdf(-0.1)).toBeNaN();
    expect(inverseNormCdf(1.1)).toBeNaN();
    expect(inverseNormCdf(NaN)).toBeNaN();
  });

  it('is accurate to 1e-15 relative on a logarithmic grid of p from 1e-300 to 0.3 (one Newton step)', () => {
    // The Newton correction (Φ(x) − p)/φ(x) measures how far x = Φ⁻¹(p) is from the exact quantile; Φ is
    // itself accurate to about 3e-16 relative, so this checks AS241 without a second reference.
    let worst = 0;
    for (let decade = -300; decade <= Math.log10(0.3); decade += 0.01) {
      const p = 10 ** decade;
      const x = inverseNormCdf(p);
      worst = Math.max(worst, Math.abs((normCdf(x) - p) / (normPdf(x) * x)));
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
  });

  it('round trip x → Φ(x) → Φ⁻¹ recovers x to 1e-15 relative for x in [−37, −1]', () => {
    let worst = 0;
    for (let x = -37; x <= -1; x += 0.01) {
      worst = Math.max(worst, Math.abs(inverseNormCdf(normCdf(x)) / x - 1));
    }
    expect(worst).toBeLessThanOrEqual(1e-15);
  });

  it('round trip for x in [0, 5] is limited only by the rounding of p = Φ(x) near 1', () => {
    // p carries an absolute rounding error of up to 2⁻⁵³ (1.1e-16), which moves x by 1.1e-16/φ(x).
    for (let x = 0; x <= 5; x += 0.01) {
      expect(Math.abs(inverseNormCdf(normCdf(x)) - x)).toBeLessThanOrEqual(Number.EPSILON / normPdf(x));
    }
  });
});
