import { describe, expect, it } from 'vitest';
import type { OptionType } from '../schemas';
import {
  impliedVolatilityBlack76,
  impliedVolatilityBlackScholesMerton,
  impliedVolatilityFromUndiscountedBlackPrice,
} from './implied-volatility';
import type { ImpliedVolResult } from './implied-volatility';
import { normalisedVega, undiscountedBlackPrice } from './normalised-black';

function volatilityOf(result: ImpliedVolResult): number {
  if (!result.ok) throw new Error(`expected a volatility, got ${result.reason}: ${result.message}`);
  return result.volatility;
}

function reasonOf(result: ImpliedVolResult): string {
  return result.ok ? 'ok' : result.reason;
}

const FORWARD = 100;
// K/F from 0.5 to 2 (41 points, geometric), T from one day to three years, σ from 1% to 300% (31 points).
const MONEYNESS = Array.from({ length: 41 }, (_, i) => 0.5 * 4 ** (i / 40));
const TIMES_YEARS = [1 / 365, 2 / 365, 7 / 365, 14 / 365, 30 / 365, 0.25, 0.5, 1, 2, 3];
const VOLATILITIES = Array.from({ length: 31 }, (_, i) => 0.01 * 300 ** (i / 30));
const OPTION_TYPES: OptionType[] = ['CALL', 'PUT'];

describe('impliedVolatilityFromUndiscountedBlackPrice (Jäckel 2015)', () => {
  it('round trip σ → Black price → σ to 1e-10 absolute wherever the price carries information', () => {
    // A grid point is skipped when
    //   (a) its time value (price − intrinsic) is below 1e-12·F: deep out-of-the-money prices that have
    //       underflowed or kept only a few digits (e.g. K/F = 2, one day, σ = 1%), or
    //   (b) one rounding of the price, ε·price, moves σ by more than 1e-11, i.e. ε·price/vega > 1e-11 with
    //       vega = ∂price/∂σ: deep in-the-money prices whose time value is lost next to the intrinsic value
    //       (e.g. K/F = 2, one day, σ = 205%: time value 1.2e-10 on a price of 100).
    let worst = 0;
    let checked = 0;
    let skippedNoTimeValue = 0;
    let skippedRounding = 0;
    for (const moneyness of MONEYNESS) {
      const strike = FORWARD * moneyness;
      for (const timeYears of TIMES_YEARS) {
        for (const volatility of VOLATILITIES) {
          for (const optionType of OPTION_TYPES) {
            const price = undiscountedBlackPrice(FORWARD, strike, volatility, timeYears, optionType);
            const intrinsic = Math.max((optionType === 'CALL' ? 1 : -1) * (FORWARD - strike), 0);
            const result = impliedVolatilityFromUndiscountedBlackPrice(
              price,
              FORWARD,
              strike,
              timeYears,
              optionType,
            );
            // Every grid point, skipped or not, must give a volatility and never an error.
            const implied = volatilityOf(result);
            expect(implied).toBeGreaterThanOrEqual(0);
            if (price - intrinsic < 1e-12 * FORWARD) {
              skippedNoTimeValue++;
              continue;
            }
            const totalVolatility = volatility * Math.sqrt(timeYears);
            const vega =
              Math.sqrt(FORWARD * strike) *
              normalisedVega(Math.log(FORWARD / strike), totalVolatility) *
              Math.sqrt(timeYears);
            if ((Number.EPSILON * price) / vega > 1e-11) {
              skippedRounding++;
              continue;
            }
            checked++;
            worst = Math.max(worst, Math.abs(implied - volatility));
          }
        }
      }
    }
    expect({ checked, skippedNoTimeValue, skippedRounding }).toEqual({
      checked: 13424,
      skippedNoTimeValue: 11276,
      skippedRounding: 720,
    });
    expect(worst).toBeLessThanOrEqual(1e-10);
  });

  it('recovers σ from the out-of-the-money side of a point skipped for rounding', () => {
    // K/F = 2, one day, σ = 205%: the in-the-money put's time value is lost in rounding, the call's is not.
    const timeYears = 1 / 365;
    const volatility = 2.051066955169069;
    const call = undiscountedBlackPrice(100, 200, volatility, timeYears, 'CALL');
    expect(
      volatilityOf(impliedVolatilityFromUndiscountedBlackPrice(call, 100, 200, timeYears, 'CALL')),
    ).toBeCloseTo(volatility, 13);
  });

  describe('no-arbitrage bounds', () => {
    it('rejects a price below intrinsic', () => {
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(9.99, 100, 90, 1, 'CALL'))).toBe(
        'below-intrinsic',
      );
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(4.5, 100, 105, 1, 'PUT'))).toBe(
        'below-intrinsic',
      );
    });

    it('gives volatility 0 for a price exactly at intrinsic, including a worthless out-of-the-money option', () => {
      expect(impliedVolatilityFromUndiscountedBlackPrice(10, 100, 90, 1, 'CALL')).toEqual({
        ok: true,
        volatility: 0,
      });
      expect(impliedVolatilityFromUndiscountedBlackPrice(0, 100, 90, 1, 'PUT')).toEqual({
        ok: true,
        volatility: 0,
      });
      expect(impliedVolatilityFromUndiscountedBlackPrice(10, 100, 90, 0, 'CALL')).toEqual({
        ok: true,
        volatility: 0,
      });
    });

    it('rejects a price at or above the maximum: the forward for a call, the strike for a put', () => {
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(100, 100, 90, 1, 'CALL'))).toBe(
        'above-maximum',
      );
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(120, 100, 90, 1, 'CALL'))).toBe(
        'above-maximum',
      );
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(90, 100, 90, 1, 'PUT'))).toBe(
        'above-maximum',
      );
    });

    it('rejects a price one ulp below the maximum when normalising it reaches the maximum', () => {
      // 60.99999999999999 < K = 61, but price/√(F·K) rounds up to e^{x/2}: no volatility reproduces it.
      expect(
        reasonOf(impliedVolatilityFromUndiscountedBlackPrice(60.99999999999999, 100, 61, 1, 'PUT')),
      ).toBe('above-maximum');
    });

    it('solves prices close to the maximum with a large but consistent volatility', () => {
      const price = undiscountedBlackPrice(100, 90, 4, 1, 'CALL');
      expect(
        volatilityOf(impliedVolatilityFromUndiscountedBlackPrice(price, 100, 90, 1, 'CALL')),
      ).toBeCloseTo(4, 12);
    });

    it('rejects time value at expiry', () => {
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(10.5, 100, 90, 0, 'CALL'))).toBe(
        'no-time-value',
      );
      expect(reasonOf(impliedVolatilityFromUndiscountedBlackPrice(0.5, 100, 90, 0, 'PUT'))).toBe(
        'no-time-value',
      );
    });
  });

  it.each([
    ['NaN price', NaN, 100, 100, 1, 'CALL'],
    ['negative price', -1, 100, 100, 1, 'CALL'],
    ['infinite price', Infinity, 100, 100, 1, 'CALL'],
    ['zero forward', 1, 0, 100, 1, 'CALL'],
    ['negative strike', 1, 100, -5, 1, 'PUT'],
    ['infinite strike', 1, 100, Infinity, 1, 'PUT'],
    ['negative time', 1, 100, 100, -0.1, 'CALL'],
    ['NaN time', 1, 100, 100, NaN, 'CALL'],
    ['unknown option type', 1, 100, 100, 1, 'call'],
  ])('rejects %s as invalid input', (_case, price, forward, strike, timeYears, optionType) => {
    const result = impliedVolatilityFromUndiscountedBlackPrice(
      price as number,
      forward as number,
      strike as number,
      timeYears as number,
      optionType as OptionType,
    );
    expect(reasonOf(result)).toBe('invalid-input');
  });
});

describe('model wrappers', () => {
  it('Black–Scholes–Merton: Hull’s example S = 42, K = 40, r = 10%, σ = 20%, T = 0.5 (c ≈ 4.76, p ≈ 0.81)', () => {
    // Prices to 16 digits from mpmath (50 digits) for the textbook inputs of J. C. Hull, Options, Futures,
    // and Other Derivatives, worked example of the Black–Scholes–Merton formulas.
    const common = { spot: 42, strike: 40, timeYears: 0.5, rate: 0.1 };
    const call = impliedVolatilityBlackScholesMerton({
      ...common,
      optionType: 'CALL',
      price: 4.759422392871533,
    });
    const put = impliedVolatilityBlackScholesMerton({
      ...common,
      optionType: 'PUT',
      price: 0.8085993729000936,
    });
    expect(volatilityOf(call)).toBeCloseTo(0.2, 14);
    expect(volatilityOf(put)).toBeCloseTo(0.2, 13);
  });

  it('Black–Scholes–Merton with a dividend yield: F = S·e^{(r−q)T}', () => {
    // S = 100, K = 95, T = 0.75, r = 3%, q = 2%, σ = 35%; prices from mpmath.
    const common = { spot: 100, strike: 95, timeYears: 0.75, rate: 0.03, dividendYield: 0.02 };
    const call = impliedVolatilityBlackScholesMerton({
      ...common,
      optionType: 'CALL',
      price: 14.554902082095149,
    });
    const put = impliedVolatilityBlackScholesMerton({
      ...common,
      optionType: 'PUT',
      price: 8.930075655155838,
    });
    expect(volatilityOf(call)).toBeCloseTo(0.35, 14);
    expect(volatilityOf(put)).toBeCloseTo(0.35, 14);
  });

  it('Black-76: discounted price on a futures price', () => {
    // F = 2500, K = 2700, T = 2, r = 4%, σ = 28%: call = e^{−rT}·Black = 291.3730880961232 (mpmath).
    const result = impliedVolatilityBlack76({
      optionType: 'CALL',
      price: 291.3730880961232,
      forward: 2500,
      strike: 2700,
      timeYears: 2,
      rate: 0.04,
    });
    expect(volatilityOf(result)).toBeCloseTo(0.28, 14);
  });

  it('apply the bounds to the undiscounted price', () => {
    // Discounted call intrinsic is S·e^{−qT} − K·e^{−rT} = 100 − 90·e^{−0.05} ≈ 14.39, not S − K = 10;
    // the discounted maximum of a put is K·e^{−rT} = 100·e^{−0.05} ≈ 95.12.
    expect(
      reasonOf(
        impliedVolatilityBlackScholesMerton({
          optionType: 'CALL',
          price: 12,
          spot: 100,
          strike: 90,
          timeYears: 1,
          rate: 0.05,
        }),
      ),
    ).toBe('below-intrinsic');
    expect(
      reasonOf(
        impliedVolatilityBlack76({
          optionType: 'PUT',
          price: 96,
          forward: 100,
          strike: 100,
          timeYears: 1,
          rate: 0.05,
        }),
      ),
    ).toBe('above-maximum');
  });

  it('reject invalid market data', () => {
    const call = { optionType: 'CALL', price: 5, strike: 100, timeYears: 1, rate: 0.05 } as const;
    expect(reasonOf(impliedVolatilityBlackScholesMerton({ ...call, spot: 0 }))).toBe('invalid-input');
    expect(reasonOf(impliedVolatilityBlackScholesMerton({ ...call, spot: 100, rate: NaN }))).toBe(
      'invalid-input',
    );
    expect(
      reasonOf(impliedVolatilityBlackScholesMerton({ ...call, spot: 100, dividendYield: Infinity })),
    ).toBe('invalid-input');
    expect(reasonOf(impliedVolatilityBlackScholesMerton({ ...call, spot: 100, timeYears: -1 }))).toBe(
      'invalid-input',
    );
    expect(reasonOf(impliedVolatilityBlack76({ ...call, forward: 100, rate: Infinity }))).toBe(
      'invalid-input',
    );
    expect(reasonOf(impliedVolatilityBlack76({ ...call, forward: NaN }))).toBe('invalid-input');
  });
});
