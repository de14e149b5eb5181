import { describe, expect, it } from 'vitest';
import {
  normalisedBlack,
  normalisedBlackCall,
  normalisedIntrinsic,
  normalisedVega,
  undiscountedBlackPrice,
} from './normalised-black';

// Reference values: mpmath at 50 digits, b = e^{x/2}·Φ(x/s + s/2) − e^{−x/2}·Φ(x/s − s/2), rounded to double.
describe('normalisedBlackCall (Jäckel 2015, four regions)', () => {
  it.each([
    ['1: asymptotic expansion', -20, 1, 1.2097749726121602e-90],
    ['1: asymptotic expansion', -30, 2, 2.9556608552583065e-52],
    ['2: small-t expansion', -0.5, 0.2, 0.0003991635029160602],
    ['2: small-t expansion', -2, 0.4, 2.0987927330961113e-8],
    ['2: small-t expansion', -0.001, 0.001, 8.331546397705102e-5],
    ['2: small-t expansion', 0, 0.1, 0.039877611676744924],
    ['3: Φ form', -0.1, 2, 0.634127122705939],
    ['3: Φ form', -1, 3, 0.4777039972474732],
    ['3: Φ form', -10, 6, 0.005896205485475188],
    ['4: erfcx form', -40, 4, 4.203482512226098e-25],
    ['4: erfcx form', 0, 1, 0.3829249225480262],
    ['4: erfcx form', -0.01, 0.3, 0.1143025949576907],
    ['4: erfcx form', -0.3, 0.5, 0.08293164422153895],
    ['4: erfcx form', -2, 1, 0.007697375453146092],
    ['4: erfcx form', -8, 1, 6.68671316739767e-17],
  ])('region %s: b(%d, %d)', (_region, x, s, expected) => {
    // b is conditioned like exp(−h²/2) in h = x/s: the rounding of h alone moves it by about h²·1.1e-16.
    const h = x / s;
    const tolerance = 1e-15 * Math.max(1, h * h);
    expect(Math.abs(normalisedBlackCall(x, s) / expected - 1)).toBeLessThanOrEqual(tolerance);
  });

  it('is the intrinsic value at s = 0 and adds it for in-the-money calls', () => {
    expect(normalisedBlackCall(-1, 0)).toBe(0);
    expect(normalisedBlackCall(0.5, 0)).toBe(normalisedIntrinsic(0.5, 1));
    expect(normalisedBlackCall(0.5, 0.7)).toBe(normalisedIntrinsic(0.5, 1) + normalisedBlackCall(-0.5, 0.7));
  });

  it('normalised intrinsic value is 2·sinh(θx/2)⁺, also where the series replaces the exponentials', () => {
    for (const x of [1e-8, 1e-3, 0.05, 0.5, 3]) {
      expect(Math.abs(normalisedIntrinsic(x, 1) / (2 * Math.sinh(x / 2)) - 1)).toBeLessThanOrEqual(4e-16);
      expect(Math.abs(normalisedIntrinsic(-x, -1) / normalisedIntrinsic(x, 1) - 1)).toBeLessThanOrEqual(
        4e-16,
      );
      expect(normalisedIntrinsic(-x, 1)).toBe(0);
    }
  });

  it('vega is the derivative of b in s', () => {
    for (const [x, s] of [
      [-0.3, 0.5],
      [0, 1],
      [-2, 0.4],
      [0.7, 1.3],
    ] as const) {
      const step = 1e-6;
      const difference = (normalisedBlackCall(x, s + step) - normalisedBlackCall(x, s - step)) / (2 * step);
      expect(Math.abs(difference / normalisedVega(x, s) - 1)).toBeLessThan(1e-8);
    }
  });

  it('a put at x is the call at −x', () => {
    expect(normalisedBlack(0.4, 0.6, 'PUT')).toBe(normalisedBlackCall(-0.4, 0.6));
    expect(normalisedBlack(0.4, 0.6, 'CALL')).toBe(normalisedBlackCall(0.4, 0.6));
  });
});

describe('undiscountedBlackPrice', () => {
  it.each([
    [100, 100, 0.2, 1, 7.965567455405797, 7.965567455405797],
    [100, 120, 0.3, 0.5, 2.5037752087322374, 22.503775208732236],
    [100, 80, 0.25, 2, 25.025767389033284, 5.025767389033286],
    [100, 60, 1.5, 3, 85.15446304430847, 45.15446304430848],
  ])('F=%d K=%d σ=%d T=%d: call %d, put %d', (forward, strike, volatility, timeYears, call, put) => {
    expect(undiscountedBlackPrice(forward, strike, volatility, timeYears, 'CALL')).toBeCloseTo(call, 12);
    expect(undiscountedBlackPrice(forward, strike, volatility, timeYears, 'PUT')).toBeCloseTo(put, 12);
  });

  it('keeps a tiny out-of-the-money price to full relative precision', () => {
    // F = 100, K = 150, σ = 10%, one week: the call is worth 5.6e-190. Here h = x/s ≈ −29.3, so rounding
    // the inputs alone costs about h²·1.1e-16 ≈ 1e-13 relative (same conditioning as above).
    const call = undiscountedBlackPrice(100, 150, 0.1, 7 / 365, 'CALL');
    expect(Math.abs(call / 5.606617312081466e-190 - 1)).toBeLessThan(1e-15 * 29.3 * 29.3);
  });

  it('satisfies put–call parity C − P = F − K on a grid', () => {
    for (const strike of [50, 80, 99, 100, 101, 125, 200]) {
      for (const volatility of [0.01, 0.2, 1, 3]) {
        const call = undiscountedBlackPrice(100, strike, volatility, 0.5, 'CALL');
        const put = undiscountedBlackPrice(100, strike, volatility, 0.5, 'PUT');
        expect(Math.abs(call - put - (100 - strike))).toBeLessThanOrEqual(2e-14 * 100);
      }
    }
  });

  it('is the intrinsic value at expiry', () => {
    expect(undiscountedBlackPrice(100, 90, 0.3, 0, 'CALL')).toBe(10);
    expect(undiscountedBlackPrice(100, 90, 0.3, 0, 'PUT')).toBe(0);
  });
});
