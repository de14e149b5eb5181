import { describe, expect, it } from 'vitest';
import {
  callWall,
  gammaExposure,
  gammaExposureByStrike,
  gammaExposureProfile,
  gammaExposureSummary,
  gammaFlip,
  nearestGammaFlip,
  putWall,
  type GammaExposureInputs,
} from './gamma-exposure';

describe('gammaExposure', () => {
  it('is gamma · OI · multiplier · S² · 1%', () => {
    expect(gammaExposure(0.01, 1000, 50, 100)).toBe(50000);
    expect(gammaExposure(0.002, 10, 75, 20000)).toBeCloseTo(0.002 * 10 * 75 * 4e8 * 0.01, 6);
  });
});

describe('gammaExposureByStrike, callWall, putWall', () => {
  const calls = [
    { strike: 100, open_interest: 100, gamma: 0.02 },
    { strike: 110, open_interest: 300, gamma: 0.01 },
    { strike: 120, open_interest: 300, gamma: 0.01 },
    { strike: 130, open_interest: 9000, gamma: null },
  ];
  const puts = [
    { strike: 90, open_interest: 500, gamma: 0.01 },
    { strike: 100, open_interest: 200, gamma: 0.02 },
  ];

  it('counts calls positive and puts negative (dealers long calls, short puts)', () => {
    // One unit of gamma·OI is worth multiplier·S²·1% = 1·100²·0.01 = 100.
    expect(gammaExposureByStrike(calls, puts, 100, 1)).toEqual({
      strikes: [90, 100, 110, 120, 130],
      call_gamma_exposure: [0, 200, 300, 300, 0],
      put_gamma_exposure: [-500, -400, 0, 0, 0],
      net_gamma_exposure: [-500, -200, 300, 300, 0],
    });
  });

  it('puts the walls at the largest call GEX and put GEX magnitude, the lowest strike on a tie', () => {
    const byStrike = gammaExposureByStrike(calls, puts, 100, 1);
    expect(callWall(byStrike)).toBe(110);
    expect(putWall(byStrike)).toBe(90);
  });

  it('has no walls without gamma', () => {
    const byStrike = gammaExposureByStrike([{ strike: 100, open_interest: 5, gamma: null }], [], 100, 1);
    expect(callWall(byStrike)).toBeNull();
    expect(putWall(byStrike)).toBeNull();
  });

  it('rejects negative gamma or open interest', () => {
    expect(() => gammaExposureByStrike([{ strike: 100, open_interest: 5, gamma: -1 }], [], 100, 1)).toThrow(
      'calls[0].gamma',
    );
    expect(() => gammaExposureByStrike([], [{ strike: 100, open_interest: -5, gamma: 1 }], 100, 1)).toThrow(
      'puts[0].open_interest',
    );
  });
});

describe('gammaFlip', () => {
  const levels = [90, 100, 110, 120];

  it('interpolates linearly between the bracketing levels', () => {
    expect(gammaFlip({ levels, net_gamma_exposure: [-3, -1, 3, 5] }, 100)).toBe(102.5);
  });

  it('picks the crossing nearest spot, the lower one on a tie', () => {
    const profile = { levels, net_gamma_exposure: [-1, 1, -1, 1] }; // crossings at 95, 105, 115
    expect(gammaFlip(profile, 112)).toBe(115);
    expect(gammaFlip(profile, 108)).toBe(105);
    expect(gammaFlip(profile, 110)).toBe(105);
  });

  it('bridges exact zeros and lands on a level that is exactly zero between opposite signs', () => {
    expect(gammaFlip({ levels, net_gamma_exposure: [-2, 0, 0, 2] }, 100)).toBe(105);
    expect(gammaFlip({ levels: [90, 100, 110], net_gamma_exposure: [-1, 0, 1] }, 100)).toBe(100);
  });

  it('is null when net GEX never changes sign', () => {
    expect(gammaFlip({ levels, net_gamma_exposure: [1, 2, 0, 3] }, 100)).toBeNull();
    expect(gammaFlip({ levels, net_gamma_exposure: [0, 0, 0, 0] }, 100)).toBeNull();
    expect(gammaFlip({ levels: [], net_gamma_exposure: [] }, 100)).toBeNull();
  });
});

describe('gammaExposureProfile on a chain with a known flip', () => {
  // One call at 110 and one put at 90 with equal OI and IV, r = q = 0, strikes 85…115 (zero OI elsewhere).
  // Call and put gamma are both φ(d1)/(Sσ√T), so net GEX ∝ φ(d1(S, 110)) − φ(d1(S, 90)), which is zero
  // where d1(S, 110) = −d1(S, 90): S* = √(110·90)·exp(−σ²T/2).
  const sigma = 0.3;
  const timeYears = 0.5;
  const strikes = Array.from({ length: 31 }, (_, i) => 85 + i);
  const calls = strikes.map((strike) => ({
    strike,
    open_interest: strike === 110 ? 1000 : 0,
    iv: sigma,
    gamma: null,
  }));
  const puts = strikes.map((strike) => ({
    strike,
    open_interest: strike === 90 ? 1000 : 0,
    iv: sigma,
    gamma: null,
  }));
  const inputs: GammaExposureInputs = {
    spot: 100,
    timeYears,
    conventions: { model: 'black-scholes-merton', rate: 0, dividend_yield: 0 },
    contractMultiplier: 50,
  };

  /** Net GEX at S from the closed form, independent of the pricing module. */
  function netGex(s: number): number {
    const gamma = (k: number) => {
      const d1 = (Math.log(s / k) + 0.5 * sigma * sigma * timeYears) / (sigma * Math.sqrt(timeYears));
      return Math.exp(-0.5 * d1 * d1) / Math.sqrt(2 * Math.PI) / (s * sigma * Math.sqrt(timeYears));
    };
    return 1000 * 50 * s * s * 0.01 * (gamma(110) - gamma(90));
  }

  it('re-prices gamma at every strike level, negative below the flip and positive above', () => {
    const profile = gammaExposureProfile(calls, puts, inputs);
    expect(profile.levels).toEqual(strikes);
    profile.net_gamma_exposure.forEach((gex, k) => {
      expect(gex / netGex(strikes[k]!)).toBeCloseTo(1, 12);
    });
    expect(profile.net_gamma_exposure[strikes.indexOf(97)]).toBeLessThan(0);
    expect(profile.net_gamma_exposure[strikes.indexOf(98)]).toBeGreaterThan(0);
  });

  it('finds the flip between the strikes 97 and 98, where the closed form puts it', () => {
    const exact = Math.sqrt(110 * 90) * Math.exp(-0.5 * sigma * sigma * timeYears); // 97.2850…
    const interpolated = 97 + netGex(97) / (netGex(97) - netGex(98));
    const flip = gammaFlip(gammaExposureProfile(calls, puts, inputs), inputs.spot);
    expect(flip).toBeCloseTo(interpolated, 9);
    expect(flip).toBeCloseTo(exact, 2);
    expect(gammaExposureSummary(calls, puts, inputs).gamma_flip).toBe(flip);
  });

  it('gives the same flip under Black-76, whose gamma only adds a common discount factor', () => {
    const black76 = { ...inputs, conventions: { model: 'black-76' as const, rate: 0.07, dividend_yield: 0 } };
    const flip = gammaFlip(gammaExposureProfile(calls, puts, black76), inputs.spot);
    expect(flip).toBeCloseTo(gammaFlip(gammaExposureProfile(calls, puts, inputs), inputs.spot)!, 9);
  });

  it('skips quotes without IV and has no flip when only calls carry gamma', () => {
    const noPutIv = puts.map((quote) => ({ ...quote, iv: null }));
    const profile = gammaExposureProfile(calls, noPutIv, inputs);
    expect(profile.net_gamma_exposure.every((gex) => gex > 0)).toBe(true);
    expect(gammaFlip(profile, 100)).toBeNull();
  });

  it('rejects nonsense conventions', () => {
    expect(() => gammaExposureProfile(calls, puts, { ...inputs, timeYears: -1 })).toThrow('timeYears');
    expect(() => gammaExposureProfile(calls, puts, { ...inputs, contractMultiplier: 0 })).toThrow(
      'contractMultiplier',
    );
  });
});

describe('gammaExposureSummary', () => {
  it('sums net GEX from the quotes’ gamma and takes the flip from the re-priced profile', () => {
    const quote = (strike: number, openInterest: number, gamma: number) => ({
      strike,
      open_interest: openInterest,
      gamma,
      iv: 0.2,
    });
    const calls = [quote(100, 100, 0.02), quote(110, 300, 0.01)];
    const puts = [quote(90, 400, 0.01)];
    const inputs: GammaExposureInputs = {
      spot: 100,
      timeYears: 0.1,
      conventions: { model: 'black-scholes-merton', rate: 0, dividend_yield: 0 },
      contractMultiplier: 1,
    };
    const summary = gammaExposureSummary(calls, puts, inputs);
    expect(summary).toEqual({
      net_gamma_exposure: 200 + 300 - 400,
      call_wall: 110,
      put_wall: 90,
      gamma_flip: gammaFlip(gammaExposureProfile(calls, puts, inputs), 100),
    });
    expect(summary.gamma_flip).toBeGreaterThan(90);
    expect(summary.gamma_flip).toBeLessThan(100);
  });
});

describe('nearestGammaFlip', () => {
  /** mulberry32: a small seeded generator, so each case can be replayed by its seed. */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('is the flip of the whole profile, to the bit, over 500 random chains', () => {
    let withFlip = 0;
    let severalCrossings = 0;
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = seeded(seed);
      const step = 1 + Math.floor(random() * 5);
      const strikes = Array.from({ length: 1 + Math.floor(random() * 60) }, (_, i) => 80 + i * step);
      const quote = (strike: number) => ({
        strike,
        // Some quotes without open interest or without IV, so runs of zero GEX occur.
        open_interest: random() < 0.2 ? 0 : Math.floor(random() * 10_000),
        iv: random() < 0.1 ? null : 0.05 + random() * 0.75,
        gamma: null,
      });
      const calls = strikes.map(quote);
      const puts = strikes.map(quote);
      const inputs: GammaExposureInputs = {
        spot: strikes[0]! - 10 + random() * (strikes.at(-1)! - strikes[0]! + 20),
        timeYears: 0.001 + random(),
        conventions: {
          model: random() < 0.5 ? 'black-scholes-merton' : 'black-76',
          rate: 0.07,
          dividend_yield: 0.01,
        },
        contractMultiplier: 50,
      };
      const profile = gammaExposureProfile(calls, puts, inputs);
      const expected = gammaFlip(profile, inputs.spot);
      expect(nearestGammaFlip(calls, puts, inputs), `seed ${seed}`).toBe(expected);
      if (expected !== null) withFlip += 1;
      const signs = profile.net_gamma_exposure.filter((gex) => gex !== 0).map(Math.sign);
      if (signs.filter((sign, i) => i > 0 && sign !== signs[i - 1]).length > 1) severalCrossings += 1;
    }
    // The cases cover chains with a flip, without one, and with several crossings to choose from.
    expect(withFlip).toBeGreaterThan(100);
    expect(withFlip).toBeLessThan(500);
    expect(severalCrossings).toBeGreaterThan(50);
  });
});
