import { describe, expect, it } from 'vitest';
import {
  atmTotalVariance,
  atmVolatility,
  impliedVolatility,
  totalImpliedVariance,
  SURFACE_PARAMETERS as P,
} from './volatility-surface';

/** ATM total variances from a one-hour series to a five-year one at 100 % volatility. */
const THETAS = [1e-7, 1e-5, 1e-4, 1e-3, 0.01, 0.04, 0.1, 0.3, 1, 3, 5];
const LOG_MONEYNESS = Array.from({ length: 601 }, (_, i) => -3 + i * 0.01);

describe('ATM term structure', () => {
  it('starts at the spot volatility and rises toward the long-run level', () => {
    expect(atmVolatility(0.2, 1e-9)).toBeCloseTo(0.2, 9);
    expect(atmVolatility(0.2, 1000)).toBeCloseTo(0.2 * P.LONG_RUN_RATIO, 3);
    const curve = [1 / 365, 7 / 365, 30 / 365, 0.25, 1, 3].map((t) => atmVolatility(0.2, t));
    expect(curve).toEqual([...curve].sort((a, b) => a - b));
  });

  it('is the Heston expected integrated variance: pinned at T = 0.5', () => {
    // v∞ = 0.0484, v₀ = 0.04, κ = 2: θ = 0.0484·0.5 − 0.0084·(1 − e⁻¹)/2 = 0.02154509365292005775…
    expect(atmTotalVariance(0.2, 0.5)).toBeCloseTo(0.02154509365292006, 15);
    expect(atmVolatility(0.2, 0.5) ** 2 * 0.5).toBeCloseTo(0.02154509365292006, 15);
  });
});

describe('SSVI smile', () => {
  it('is the ATM total variance at the forward and Gatheral–Jacquier’s formula off it', () => {
    expect(totalImpliedVariance(0.04, 0)).toBeCloseTo(0.04, 15);
    // θ = 0.04, k = −0.1: φ = 1/√(0.04·1.04), w = θ/2·(1 + ρφk + √((φk + ρ)² + 1 − ρ²)) = 0.05121392732835116…
    expect(totalImpliedVariance(0.04, -0.1)).toBeCloseTo(0.05121392732835116, 15);
    expect(impliedVolatility(0.2, 100, 100, 0.5)).toBeCloseTo(atmVolatility(0.2, 0.5), 15);
  });

  it('keeps the skew of a quarter of the ATM volatility per standard deviation, puts dearer', () => {
    const t = 7 / 365;
    const atm = atmVolatility(0.13, t);
    const strikeAt = (d: number) => 100 * Math.exp(d * atm * Math.sqrt(t));
    const slopePerSd =
      (impliedVolatility(0.13, strikeAt(0.01), 100, t) - impliedVolatility(0.13, strikeAt(-0.01), 100, t)) /
      0.02;
    expect(slopePerSd / atm).toBeCloseTo((P.RHO * P.ETA) / 2, 3);
    expect(impliedVolatility(0.13, strikeAt(-2), 100, t)).toBeGreaterThan(1.4 * atm);
    expect(impliedVolatility(0.13, strikeAt(2), 100, t)).toBeLessThan(atm);
  });

  it('satisfies the parameter conditions of Gatheral–Jacquier Theorems 4.1 and 4.2', () => {
    expect(Math.abs(P.RHO)).toBeLessThan(1);
    expect(P.ETA * (1 + Math.abs(P.RHO))).toBeLessThanOrEqual(2);
  });

  it('has no butterfly arbitrage: Durrleman’s g(k) ≥ 0 on every slice, wings slower than Lee’s bound of 2', () => {
    // Gatheral–Jacquier 2014, Lemma 2.2: a slice is free of butterfly arbitrage iff
    // g(k) = (1 − k·w′/(2w))² − w′²/4·(1/w + 1/4) + w″/2 ≥ 0. Derivatives of SSVI in closed form; k on
    // a grid in φk, the smile's own scale, which for short expiries spans a tiny range of k.
    const rho = P.RHO;
    for (const theta of THETAS) {
      const phi = P.ETA / Math.sqrt(theta * (1 + theta));
      // Lee: total variance may grow at most like 2|k| in either wing.
      expect(theta * phi * (1 + Math.abs(rho))).toBeLessThan(4);
      for (let x = -40; x <= 40; x += 0.02) {
        const k = x / phi;
        const root = Math.hypot(phi * k + rho, Math.sqrt(1 - rho * rho));
        const w = totalImpliedVariance(theta, k);
        const w1 = (theta / 2) * (rho * phi + (phi * (phi * k + rho)) / root);
        const w2 = (theta / 2) * ((phi * phi * (1 - rho * rho)) / root ** 3);
        const g = (1 - (k * w1) / (2 * w)) ** 2 - ((w1 * w1) / 4) * (1 / w + 1 / 4) + w2 / 2;
        if (!(g >= 0)) expect.fail(`g(${k}) = ${g} < 0 on the slice θ = ${theta}`);
      }
    }
  });

  it('has no calendar arbitrage: total variance grows with T at every log forward moneyness', () => {
    for (const volatility of [0.05, 0.13, 0.55, 2]) {
      const thetas = [1, 2, 7, 14, 30, 60, 91, 182, 365, 730].map((days) =>
        atmTotalVariance(volatility, days / 365),
      );
      for (const k of LOG_MONEYNESS) {
        const w = thetas.map((theta) => totalImpliedVariance(theta, k));
        expect(w, `σ=${volatility} k=${k}`).toEqual([...w].sort((a, b) => a - b));
      }
    }
  });
});
