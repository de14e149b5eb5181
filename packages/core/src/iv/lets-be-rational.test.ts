import { describe, expect, it } from 'vitest';
import { normalisedImpliedVolatility } from './lets-be-rational';
import { normalisedBlackCall, normalisedVega } from './normalised-black';

describe('normalisedImpliedVolatility (Jäckel 2015)', () => {
  it('inverts b(x, s) across all four branches of the initial guess to within its conditioning', () => {
    // For each x, s runs from far below the lower branch point s_l through s_c = √|2x| to far above the
    // upper branch point s_h, so the grid visits the lowest, both middle and the highest branch (x = 0 and
    // x = −1e-5 have no lowest branch to speak of). Points where b is subnormal or within 1e-12 of its
    // maximum e^{x/2} carry too few digits and are left out. The tolerance is 1e-14 relative, or the change
    // in s that an error of 4 ulps in beta causes (b itself is evaluated to a few ulps), 4ε·beta/vega,
    // where that is larger: at s = 10 and x = 0, b_max − b ≈ 6e-7 and that bound is 6e-11·s.
    let worst = 0;
    let checked = 0;
    for (const x of [-8, -3, -1, -0.25, -0.01, -1e-5, 0]) {
      for (let decade = -3; decade <= 1; decade += 0.05) {
        const s = 10 ** decade;
        const beta = normalisedBlackCall(x, s);
        if (beta < 1e-300 || beta > Math.exp(0.5 * x) * (1 - 1e-12)) continue;
        checked++;
        const tolerance = Math.max(1e-14 * s, (4 * Number.EPSILON * beta) / normalisedVega(x, s));
        worst = Math.max(worst, Math.abs(normalisedImpliedVolatility(beta, x, 1) - s) / tolerance);
      }
    }
    expect(checked).toBe(435);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('maps puts to calls and in-the-money to out-of-the-money', () => {
    const s = 0.37;
    // An in-the-money put at x = −0.2 is worth the out-of-the-money call at x = 0.2 plus its intrinsic value.
    const itmPut = normalisedBlackCall(0.2, s);
    expect(normalisedImpliedVolatility(itmPut, -0.2, -1)).toBeCloseTo(s, 14);
    const otmPut = normalisedBlackCall(-0.2, s);
    expect(normalisedImpliedVolatility(otmPut, 0.2, -1)).toBeCloseTo(s, 14);
    const itmCall = normalisedBlackCall(0.2, s);
    expect(normalisedImpliedVolatility(itmCall, 0.2, 1)).toBeCloseTo(s, 14);
  });

  it('returns 0 at or below intrinsic and +∞ at or above the maximum e^{x/2}', () => {
    expect(normalisedImpliedVolatility(0, -0.5, 1)).toBe(0);
    expect(normalisedImpliedVolatility(Math.exp(-0.25), -0.5, 1)).toBe(Infinity);
  });
});
