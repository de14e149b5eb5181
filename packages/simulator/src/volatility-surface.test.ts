import { describe, expect, it } from 'vitest';
import {
  atmVolatility,
  smileMoneyness,
  smileVolatility,
  SURFACE_PARAMETERS as P,
} from './volatility-surface';

describe('ATM term structure', () => {
  it('starts at the spot volatility and rises toward the long-run level', () => {
    expect(atmVolatility(0.2, 1e-9)).toBeCloseTo(0.2, 9);
    expect(atmVolatility(0.2, 1000)).toBeCloseTo(0.2 * P.LONG_RUN_RATIO, 3);
    const curve = [1 / 365, 7 / 365, 30 / 365, 0.25, 1, 3].map((t) => atmVolatility(0.2, t));
    expect(curve).toEqual([...curve].sort((a, b) => a - b));
  });

  it('is the Heston expected average variance: pinned at T = 0.5', () => {
    // v∞ = 0.0484, v₀ = 0.04, κT = 1: σ² = 0.0484 − 0.0084·(1 − e⁻¹) = 0.04309005...
    expect(atmVolatility(0.2, 0.5)).toBeCloseTo(Math.sqrt(0.0484 - 0.0084 * (1 - Math.exp(-1))), 14);
  });
});

describe('smile', () => {
  const forward = 100;
  const t = 0.25;
  const atm = 0.2;
  /** The strike `d` standard deviations from the forward. */
  const strikeAt = (d: number) => forward * Math.exp(d * atm * Math.sqrt(t));

  it('is the ATM volatility at the forward and a skewed quadratic in standard deviations', () => {
    expect(smileVolatility(atm, forward, forward, t)).toBeCloseTo(atm, 14);
    expect(smileMoneyness(atm, strikeAt(-1), forward, t)).toBeCloseTo(-1, 12);
    // 1 + SKEW·d + CONVEXITY·d²: 1.3 at d = −1, 0.8 at d = +1, 0.8875 at d = 0.5.
    expect(smileVolatility(atm, strikeAt(-1), forward, t)).toBeCloseTo(0.26, 12);
    expect(smileVolatility(atm, strikeAt(1), forward, t)).toBeCloseTo(0.16, 12);
    expect(smileVolatility(atm, strikeAt(0.5), forward, t)).toBeCloseTo(0.1775, 12);
  });

  it('is flat beyond the moneyness bound and clamped to sane volatilities', () => {
    const edge = smileVolatility(atm, strikeAt(-P.MAX_MONEYNESS_SD), forward, t);
    expect(smileVolatility(atm, strikeAt(-6), forward, t)).toBeCloseTo(edge, 12);
    expect(smileVolatility(4.5, forward * 0.2, forward, t)).toBe(P.MAX_VOLATILITY);
    expect(smileVolatility(0.005, forward, forward, t)).toBe(P.MIN_VOLATILITY);
  });
});
