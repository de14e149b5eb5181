import { describe, expect, it } from 'vitest';
import type { OptionType } from '../schemas';
import {
  black76Into,
  blackScholesMertonInto,
  createGreeksOut,
  costOfCarry,
  prepareGamma,
  preparedGammaAt,
  preparePrice,
  preparedPriceAt,
  priceWithConventionsInto,
  type GreeksOut,
} from './black-scholes';

// Exact references: the closed forms evaluated with mpmath at 40 significant digits (ncdf, npdf), written
// as the shortest decimal of the nearest double. The published figures (Hull, Haug) are checked at the
// precision they are printed with.

function bsm(
  optionType: OptionType,
  spot: number,
  strike: number,
  timeYears: number,
  rate: number,
  dividendYield: number,
  volatility: number,
): GreeksOut {
  return blackScholesMertonInto(
    createGreeksOut(),
    optionType,
    spot,
    strike,
    timeYears,
    rate,
    dividendYield,
    volatility,
  );
}

function b76(
  optionType: OptionType,
  forward: number,
  strike: number,
  timeYears: number,
  rate: number,
  volatility: number,
): GreeksOut {
  return black76Into(createGreeksOut(), optionType, forward, strike, timeYears, rate, volatility);
}

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

function expectGreeks(actual: GreeksOut, expected: GreeksOut, tolerance = 1e-12): void {
  for (const key of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
    expectRelative(actual[key], expected[key], tolerance);
  }
}

describe('published values', () => {
  it('Hull 8th ed. Example 15.6: S=42, K=40, r=10%, σ=20%, T=0.5 → call 4.76, put 0.81', () => {
    const call = bsm('CALL', 42, 40, 0.5, 0.1, 0, 0.2);
    const put = bsm('PUT', 42, 40, 0.5, 0.1, 0, 0.2);
    expect(call.price).toBeCloseTo(4.76, 2);
    expect(put.price).toBeCloseTo(0.81, 2);
    expectGreeks(call, {
      price: 4.759422392871533,
      delta: 0.779131290942669,
      gamma: 0.04996267040591184,
      vega: 8.81341505960285,
      theta: -4.559092194592626,
      rho: 13.982045913360283,
    });
    expectGreeks(put, {
      price: 0.8085993729000936,
      delta: -0.22086870905733097,
      gamma: 0.04996267040591184,
      vega: 8.81341505960285,
      theta: -0.7541744965897705,
      rho: -5.0425425766539975,
    });
  });

  it("Hull 8th ed. Ch. 18, Black's model: F=20, K=20, r=9%, σ=25%, T=4 months → put 1.12", () => {
    const put = b76('PUT', 20, 20, 4 / 12, 0.09, 0.25);
    expect(put.price).toBeCloseTo(1.12, 2);
    expectGreeks(put, {
      price: 1.1166414565589435,
      delta: -0.4573067303602805,
      gamma: 0.1337645026613456,
      vega: 4.458816755378187,
      theta: -1.5715585521765152,
      rho: -0.37221381885298116,
    });
  });

  it('Hull 8th ed. Ch. 19 Greeks: S=49, K=50, r=5%, σ=20%, T=0.3846', () => {
    const call = bsm('CALL', 49, 50, 0.3846, 0.05, 0, 0.2);
    expect(call.delta).toBeCloseTo(0.522, 3);
    expect(call.gamma).toBeCloseTo(0.066, 3);
    expect(call.vega).toBeCloseTo(12.1, 1);
    expect(call.theta).toBeCloseTo(-4.31, 2);
    expect(call.theta / 365).toBeCloseTo(-0.0118, 4);
    expect(call.theta / 252).toBeCloseTo(-0.0171, 4);
    expect(call.rho).toBeCloseTo(8.91, 2);
    expectGreeks(call, {
      price: 2.4004610869656613,
      delta: 0.5216016339715761,
      gamma: 0.06554537725247866,
      vega: 12.105242754243845,
      theta: -4.305389964546104,
      rho: 8.906574098800947,
    });
  });

  it('Haug 2nd ed. Ch. 1 prices: Black-Scholes, Merton (q = 5%), Black-76', () => {
    expectRelative(bsm('CALL', 60, 65, 0.25, 0.08, 0, 0.3).price, 2.1333684449162, 1e-12);
    expect(bsm('CALL', 60, 65, 0.25, 0.08, 0, 0.3).price).toBeCloseTo(2.1334, 4);
    expectRelative(bsm('PUT', 100, 95, 0.5, 0.1, 0.05, 0.2).price, 2.464787646755821, 1e-12);
    expect(bsm('PUT', 100, 95, 0.5, 0.1, 0.05, 0.2).price).toBeCloseTo(2.4648, 4);
    for (const optionType of ['CALL', 'PUT'] as const) {
      expectRelative(b76(optionType, 19, 19, 0.75, 0.1, 0.28).price, 1.7010507252362672, 1e-12);
      expect(b76(optionType, 19, 19, 0.75, 0.1, 0.28).price).toBeCloseTo(1.7011, 4);
    }
  });

  it('Haug 2nd ed. Ch. 2 Greeks', () => {
    const futuresCall = b76('CALL', 105, 100, 0.5, 0.1, 0.36);
    const futuresPut = b76('PUT', 105, 100, 0.5, 0.1, 0.36);
    expect(futuresCall.delta).toBeCloseTo(0.5946, 4);
    expect(futuresPut.delta).toBeCloseTo(-0.3566, 4);
    expectRelative(futuresCall.delta, 0.5946286597299957, 1e-12);
    expectRelative(futuresPut.delta, -0.35660076477071834, 1e-12);

    const gamma = bsm('CALL', 55, 60, 0.75, 0.1, 0, 0.3).gamma;
    expect(gamma).toBeCloseTo(0.0278, 4);
    expectRelative(gamma, 0.027821160476940842, 1e-12);

    const theta = bsm('PUT', 430, 405, 0.0833, 0.07, 0.05, 0.2).theta;
    expect(theta).toBeCloseTo(-31.1924, 4);
    expectRelative(theta, -31.19236705651907, 1e-12);

    const rho = bsm('CALL', 72, 75, 1, 0.09, 0, 0.19).rho;
    expect(rho).toBeCloseTo(38.7325, 4);
    expectRelative(rho, 38.73250501732907, 1e-12);
  });
});

const SPOTS = [70, 100, 130];
const STRIKE = 100;
const TIMES = [0.02, 0.5, 3];
const VOLATILITIES = [0.05, 0.25, 0.8];
const RATES = [-0.01, 0.07];
const DIVIDEND_YIELDS = [0, 0.04];

interface GridPoint {
  spot: number;
  timeYears: number;
  volatility: number;
  rate: number;
  dividendYield: number;
}

const GRID: GridPoint[] = SPOTS.flatMap((spot) =>
  TIMES.flatMap((timeYears) =>
    VOLATILITIES.flatMap((volatility) =>
      RATES.flatMap((rate) =>
        DIVIDEND_YIELDS.map((dividendYield) => ({ spot, timeYears, volatility, rate, dividendYield })),
      ),
    ),
  ),
);

describe('put-call parity over a grid', () => {
  it('Black-Scholes-Merton: C − P = S e^{−qT} − K e^{−rT}, and the Greeks of the forward', () => {
    for (const { spot, timeYears, volatility, rate, dividendYield } of GRID) {
      const call = bsm('CALL', spot, STRIKE, timeYears, rate, dividendYield, volatility);
      const put = bsm('PUT', spot, STRIKE, timeYears, rate, dividendYield, volatility);
      const dividendDiscount = Math.exp(-dividendYield * timeYears);
      const strikeLeg = STRIKE * Math.exp(-rate * timeYears);
      expect(Math.abs(call.price - put.price - (spot * dividendDiscount - strikeLeg))).toBeLessThan(1e-10);
      expect(Math.abs(call.delta - put.delta - dividendDiscount)).toBeLessThan(1e-12);
      expect(call.gamma).toBe(put.gamma);
      expect(call.vega).toBe(put.vega);
      const forwardTheta = dividendYield * spot * dividendDiscount - rate * strikeLeg;
      expect(Math.abs(call.theta - put.theta - forwardTheta)).toBeLessThan(1e-10);
      expect(Math.abs(call.rho - put.rho - timeYears * strikeLeg)).toBeLessThan(1e-10);
    }
  });

  it('Black-76: C − P = e^{−rT}(F − K), and the Greeks of the forward', () => {
    for (const { spot: forward, timeYears, volatility, rate } of GRID) {
      const call = b76('CALL', forward, STRIKE, timeYears, rate, volatility);
      const put = b76('PUT', forward, STRIKE, timeYears, rate, volatility);
      const discount = Math.exp(-rate * timeYears);
      const forwardValue = discount * (forward - STRIKE);
      expect(Math.abs(call.price - put.price - forwardValue)).toBeLessThan(1e-10);
      expect(Math.abs(call.delta - put.delta - discount)).toBeLessThan(1e-12);
      expect(call.gamma).toBe(put.gamma);
      expect(call.vega).toBe(put.vega);
      expect(Math.abs(call.theta - put.theta - rate * forwardValue)).toBeLessThan(1e-10);
      expect(Math.abs(call.rho - put.rho + timeYears * forwardValue)).toBeLessThan(1e-10);
    }
  });
});

// Fourth-order central difference f'(x) ≈ [8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))] / 12h: truncation
// O(h⁴) leaves room for a step large enough that rounding stays far below the tolerance.
function derivative(f: (x: number) => number, x: number, h: number): number {
  return (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h);
}

function expectNearDerivative(analytic: number, finiteDifference: number): void {
  expect(Math.abs(analytic - finiteDifference)).toBeLessThanOrEqual(1e-6 * Math.abs(analytic) + 1e-9);
}

describe('Greeks against finite differences over a grid', () => {
  for (const optionType of ['CALL', 'PUT'] as const) {
    it(`Black-Scholes-Merton ${optionType}`, () => {
      for (const { spot, timeYears, volatility, rate, dividendYield } of GRID) {
        const at = (s: number, t: number, v: number, r: number) =>
          bsm(optionType, s, STRIKE, t, r, dividendYield, v);
        const greeks = at(spot, timeYears, volatility, rate);
        const volSqrtT = volatility * Math.sqrt(timeYears);
        const hSpot = 1e-3 * spot * volSqrtT;
        expectNearDerivative(
          greeks.delta,
          derivative((s) => at(s, timeYears, volatility, rate).price, spot, hSpot),
        );
        expectNearDerivative(
          greeks.gamma,
          derivative((s) => at(s, timeYears, volatility, rate).delta, spot, hSpot),
        );
        expectNearDerivative(
          greeks.vega,
          derivative((v) => at(spot, timeYears, v, rate).price, volatility, 1e-3 * volatility),
        );
        expectNearDerivative(
          greeks.theta,
          -derivative((t) => at(spot, t, volatility, rate).price, timeYears, 1e-3 * timeYears),
        );
        const hRate = 1e-3 * Math.min(1 / timeYears, volatility / Math.sqrt(timeYears));
        expectNearDerivative(
          greeks.rho,
          derivative((r) => at(spot, timeYears, volatility, r).price, rate, hRate),
        );
      }
    });

    it(`Black-76 ${optionType} (rho holds the forward fixed)`, () => {
      for (const { spot: forward, timeYears, volatility, rate } of GRID) {
        const at = (f: number, t: number, v: number, r: number) => b76(optionType, f, STRIKE, t, r, v);
        const greeks = at(forward, timeYears, volatility, rate);
        const hForward = 1e-3 * forward * volatility * Math.sqrt(timeYears);
        expectNearDerivative(
          greeks.delta,
          derivative((f) => at(f, timeYears, volatility, rate).price, forward, hForward),
        );
        expectNearDerivative(
          greeks.gamma,
          derivative((f) => at(f, timeYears, volatility, rate).delta, forward, hForward),
        );
        expectNearDerivative(
          greeks.vega,
          derivative((v) => at(forward, timeYears, v, rate).price, volatility, 1e-3 * volatility),
        );
        expectNearDerivative(
          greeks.theta,
          -derivative((t) => at(forward, t, volatility, rate).price, timeYears, 1e-3 * timeYears),
        );
        expectNearDerivative(
          greeks.rho,
          derivative((r) => at(forward, timeYears, volatility, r).price, rate, 1e-3 / timeYears),
        );
      }
    });
  }
});

describe('no total variance: T = 0 or σ = 0', () => {
  it('at expiry (T = 0) Black-Scholes-Merton is intrinsic value with delta exactly ±1, 0 or ±½', () => {
    expect(bsm('CALL', 110, 100, 0, 0.05, 0, 0.3)).toEqual({
      price: 10,
      delta: 1,
      gamma: 0,
      vega: 0,
      theta: -5, // −r·K: the carry of the strike, the time decay of intrinsic value
      rho: 0,
    });
    const otmPut = bsm('PUT', 110, 100, 0, 0.05, 0, 0.3);
    expect(otmPut).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
    expect(Object.values(otmPut).some((value) => Object.is(value, -0))).toBe(false);
    const itmPut = bsm('PUT', 90, 100, 0, 0.05, 0.02, 0.3);
    expect(itmPut.price).toBe(10);
    expect(itmPut.delta).toBe(-1);
    expect(itmPut.theta).toBeCloseTo(-0.02 * 90 + 0.05 * 100, 14);

    for (const [optionType, delta] of [
      ['CALL', 0.5],
      ['PUT', -0.5],
    ] as const) {
      const atTheMoney = bsm(optionType, 100, 100, 0, 0.05, 0, 0.3);
      expect(atTheMoney.price).toBe(0);
      expect(atTheMoney.delta).toBe(delta);
      expect(atTheMoney.gamma).toBe(0);
      expect(atTheMoney.vega).toBe(0);
    }
  });

  it('σ = 0 with T > 0 is the discounted intrinsic value on the forward', () => {
    const [spot, strike, timeYears, rate, dividendYield] = [100, 100, 1, 0.05, 0.02];
    const dividendDiscount = Math.exp(-dividendYield * timeYears);
    const discount = Math.exp(-rate * timeYears);
    // F = S e^{(r−q)T} = 103.05 > K: the call is in the money on the forward although S = K.
    const call = bsm('CALL', spot, strike, timeYears, rate, dividendYield, 0);
    expect(call.price).toBe(spot * dividendDiscount - strike * discount);
    expect(call.delta).toBe(dividendDiscount);
    expect(call.gamma).toBe(0);
    expect(call.vega).toBe(0);
    expect(call.theta).toBe(dividendYield * spot * dividendDiscount - rate * strike * discount);
    expect(call.rho).toBe(timeYears * strike * discount);
    const put = bsm('PUT', spot, strike, timeYears, rate, dividendYield, 0);
    expect(put).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });

    // At the money forward (q = r, S = K): delta is half the jump, ½ e^{−qT}.
    const atTheMoney = bsm('CALL', 100, 100, 1, 0.05, 0.05, 0);
    expect(atTheMoney.price).toBe(0);
    expect(atTheMoney.delta).toBe(0.5 * Math.exp(-0.05));
  });

  it('Black-76 with σ = 0 is e^{−rT}·max(F − K, 0), theta r·V, rho −T·V', () => {
    const discount = Math.exp(-0.05 * 0.5);
    const call = b76('CALL', 110, 100, 0.5, 0.05, 0);
    expect(call.price).toBeCloseTo(discount * 10, 13);
    expect(call.delta).toBe(discount);
    expect(call.gamma).toBe(0);
    expect(call.vega).toBe(0);
    expect(call.theta).toBeCloseTo(0.05 * discount * 10, 13);
    expect(call.rho).toBeCloseTo(-0.5 * discount * 10, 13);
    expect(b76('PUT', 110, 100, 0.5, 0.05, 0).price).toBe(0);
    expect(b76('PUT', 100, 100, 0.5, 0.05, 0).delta).toBe(-0.5 * discount);
    expect(b76('CALL', 110, 100, 0, 0.05, 0.3).delta).toBe(1);
  });

  it('the limits are the formulas at vanishing σ√T away from the money', () => {
    for (const optionType of ['CALL', 'PUT'] as const) {
      for (const spot of [80, 120]) {
        const limit = bsm(optionType, spot, 100, 0.5, 0.03, 0.01, 0);
        const nearLimit = bsm(optionType, spot, 100, 0.5, 0.03, 0.01, 1e-6);
        for (const key of ['price', 'delta', 'theta', 'rho'] as const) {
          expect(Math.abs(limit[key] - nearLimit[key])).toBeLessThan(1e-12);
        }
        expect(nearLimit.gamma).toBe(0);
        expect(nearLimit.vega).toBe(0);
      }
    }
    // At the money forward the formula's delta tends to the ½-jump convention.
    expect(bsm('CALL', 100, 100, 0.5, 0.03, 0.03, 1e-9).delta).toBeCloseTo(0.5 * Math.exp(-0.015), 9);
  });

  it('stays finite for degenerate and extreme but valid inputs', () => {
    const cases: [number, number, number, number, number, number][] = [
      [100, 100, 0, 0, 0, 0],
      [100, 100, 0, 0.05, 0.02, 0],
      [100, 100, 2, -0.01, 0.03, 0],
      [1e-6, 1e6, 0, 0.05, 0, 0.2],
      [1e6, 1e-6, 1, 0.05, 0, 0],
      [100, 90, 1, 0.05, 0, 1e-200], // σ√T tiny next to ln(F/K): d1 = +∞
      [100, 100, 1e-300, 0.05, 0, 0.2], // at the money an instant before expiry: diffusion theta is huge
      [100, 100, 50, 0.05, 0, 5], // σ√T ≈ 35: Φ(d1) → 1, Φ(d2) → 0
    ];
    for (const optionType of ['CALL', 'PUT'] as const) {
      for (const [spot, strike, timeYears, rate, dividendYield, volatility] of cases) {
        const bsmGreeks = bsm(optionType, spot, strike, timeYears, rate, dividendYield, volatility);
        const b76Greeks = b76(optionType, spot, strike, timeYears, rate, volatility);
        for (const value of [...Object.values(bsmGreeks), ...Object.values(b76Greeks)]) {
          expect(Number.isFinite(value)).toBe(true);
        }
        expect(bsmGreeks.price).toBeGreaterThanOrEqual(0);
        expect(b76Greeks.price).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('fast path', () => {
  it('writes into and returns the caller’s object', () => {
    const out = createGreeksOut();
    expect(blackScholesMertonInto(out, 'CALL', 42, 40, 0.5, 0.1, 0, 0.2)).toBe(out);
    expect(black76Into(out, 'PUT', 20, 20, 4 / 12, 0.09, 0.25)).toBe(out);
    expectRelative(out.price, 1.1166414565589435, 1e-12);
  });
});

describe('prepared gamma', () => {
  it('equals the gamma of the full Black-Scholes-Merton and Black-76 kernels over a grid', () => {
    const out = createGreeksOut();
    for (const spot of [70, 100, 130]) {
      for (const strike of [60, 90, 100, 110, 150]) {
        for (const timeYears of [1 / 365, 0.1, 1, 3]) {
          for (const volatility of [0.05, 0.2, 0.8]) {
            blackScholesMertonInto(out, 'CALL', spot, strike, timeYears, 0.05, 0.02, volatility);
            const bsm = prepareGamma(strike, timeYears, 0.05, 0.05 - 0.02, volatility);
            expect(preparedGammaAt(bsm, spot, Math.log(spot))).toBeCloseTo(out.gamma, 14);
            black76Into(out, 'PUT', spot, strike, timeYears, 0.05, volatility);
            const b76 = prepareGamma(strike, timeYears, 0.05, 0, volatility);
            expect(preparedGammaAt(b76, spot, Math.log(spot))).toBeCloseTo(out.gamma, 14);
          }
        }
      }
    }
  });

  it('is 0 without total variance', () => {
    expect(preparedGammaAt(prepareGamma(100, 0, 0.05, 0.05, 0.2), 100, Math.log(100))).toBe(0);
    expect(preparedGammaAt(prepareGamma(100, 1, 0.05, 0.05, 0), 100, Math.log(100))).toBe(0);
  });
});

describe('prepared price', () => {
  it('equals the price of the full kernels over a grid, to 2e-15 of the underlying', () => {
    const out = createGreeksOut();
    for (const { spot, timeYears, volatility, rate, dividendYield } of GRID) {
      for (const strike of [60, 90, 100, 110, 150]) {
        for (const optionType of ['CALL', 'PUT'] as const) {
          blackScholesMertonInto(out, optionType, spot, strike, timeYears, rate, dividendYield, volatility);
          const bsm = preparePrice(optionType, strike, timeYears, rate, rate - dividendYield, volatility);
          expect(Math.abs(preparedPriceAt(bsm, spot, Math.log(spot)) - out.price)).toBeLessThanOrEqual(
            2e-15 * spot,
          );
          black76Into(out, optionType, spot, strike, timeYears, rate, volatility);
          const b76 = preparePrice(optionType, strike, timeYears, rate, 0, volatility);
          expect(Math.abs(preparedPriceAt(b76, spot, Math.log(spot)) - out.price)).toBeLessThanOrEqual(
            2e-15 * spot,
          );
        }
      }
    }
  });

  it('is the discounted intrinsic value on the forward without total variance, never −0', () => {
    const discount = Math.exp(-0.05);
    const call = preparePrice('CALL', 100, 1, 0.05, 0.05 - 0.02, 0);
    expect(preparedPriceAt(call, 100, Math.log(100))).toBeCloseTo(100 * Math.exp(-0.02) - 100 * discount, 13);
    expect(
      Object.is(preparedPriceAt(preparePrice('PUT', 100, 1, 0.05, 0.03, 0), 100, Math.log(100)), 0),
    ).toBe(true);
    expect(preparedPriceAt(preparePrice('PUT', 100, 0, 0.05, 0.03, 0.2), 90, Math.log(90))).toBe(10);
    expect(
      Object.is(preparedPriceAt(preparePrice('PUT', 100, 0.5, 0.05, 0, 0.2), 1e6, Math.log(1e6)), 0),
    ).toBe(true);
  });
});

describe('costOfCarry', () => {
  it('is r − q for Black-Scholes-Merton and 0 for Black-76', () => {
    expect(costOfCarry({ model: 'black-scholes-merton', rate: 0.065, dividend_yield: 0.015 })).toBeCloseTo(
      0.05,
      15,
    );
    expect(costOfCarry({ model: 'black-76', rate: 0.065, dividend_yield: 0.015 })).toBe(0);
  });
});

describe('priceWithConventionsInto', () => {
  it('prices with the model the conventions name', () => {
    const expected = createGreeksOut();
    const actual = createGreeksOut();
    blackScholesMertonInto(expected, 'CALL', 100, 95, 0.5, 0.05, 0.02, 0.3);
    priceWithConventionsInto(
      actual,
      { model: 'black-scholes-merton', rate: 0.05, dividend_yield: 0.02 },
      'CALL',
      100,
      95,
      0.5,
      0.3,
    );
    expect(actual).toEqual(expected);
    black76Into(expected, 'PUT', 100, 95, 0.5, 0.05, 0.3);
    // Black-76 ignores a dividend yield: the forward already carries it.
    priceWithConventionsInto(
      actual,
      { model: 'black-76', rate: 0.05, dividend_yield: 0.02 },
      'PUT',
      100,
      95,
      0.5,
      0.3,
    );
    expect(actual).toEqual(expected);
  });
});
