import { describe, expect, it } from 'vitest';
import { yearFraction } from './day-count';
import { priceOption, type OptionPricingInput, type OptionValuation } from './price-option';
import { PricingInputError } from './pricing-input-error';

// Exact references: closed forms evaluated with mpmath at 40 significant digits (see black-scholes.test.ts).

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const HULL_15_6: OptionPricingInput = {
  model: 'black-scholes-merton',
  optionType: 'CALL',
  underlying: 42,
  strike: 40,
  timeYears: 0.5,
  volatility: 0.2,
  rate: 0.1,
};

describe('priceOption', () => {
  it('returns price, Greeks and the conventions they are quoted in (Hull 8th ed. Example 15.6)', () => {
    const valuation = priceOption(HULL_15_6);
    expect(valuation.model).toBe('black-scholes-merton');
    expect(valuation.optionType).toBe('CALL');
    expectRelative(valuation.price, 4.759422392871533, 1e-12);
    expectRelative(valuation.delta, 0.779131290942669, 1e-12);
    expectRelative(valuation.gamma, 0.04996267040591184, 1e-12);
    expectRelative(valuation.vega, 8.81341505960285, 1e-12);
    expectRelative(valuation.vegaPerPct, 0.0881341505960285, 1e-12);
    expectRelative(valuation.theta, -4.559092194592626, 1e-12);
    expectRelative(valuation.thetaPerDay, -4.559092194592626 / 365, 1e-12);
    expectRelative(valuation.rho, 13.982045913360283, 1e-12);
    expectRelative(valuation.rhoPerPct, 0.13982045913360283, 1e-12);
    expect(valuation.conventions).toEqual({
      model: 'black-scholes-merton',
      underlying: 'spot',
      rate: 0.1,
      dividendYield: 0,
      compounding: 'continuous',
      dayCount: 'ACT/365',
      daysPerYear: 365,
      thetaUnit: 'per-year',
      vegaUnit: 'per-1.00-vol',
      rhoUnit: 'per-1.00-rate',
    } satisfies OptionValuation['conventions']);
  });

  it('quotes theta per day of the day count (Hull 8th ed. Ch. 19: −4.31/year, −0.0118/calendar day, −0.0171/trading day)', () => {
    const input: OptionPricingInput = {
      ...HULL_15_6,
      underlying: 49,
      strike: 50,
      timeYears: 0.3846,
      rate: 0.05,
    };
    const calendar = priceOption(input);
    const trading = priceOption({ ...input, dayCount: 'BUS/252' });
    expect(calendar.thetaPerDay).toBeCloseTo(-0.0118, 4);
    expect(trading.thetaPerDay).toBeCloseTo(-0.0171, 4);
    expect(trading.thetaPerDay).toBe(trading.theta / 252);
    expect(trading.theta).toBe(calendar.theta);
    expect(trading.conventions.dayCount).toBe('BUS/252');
    expect(trading.conventions.daysPerYear).toBe(252);
  });

  it('prices Black-76 on the forward, with no dividend yield in its conventions', () => {
    const valuation = priceOption({
      model: 'black-76',
      optionType: 'PUT',
      underlying: 20,
      strike: 20,
      timeYears: 4 / 12,
      volatility: 0.25,
      rate: 0.09,
      dividendYield: 0,
    });
    expectRelative(valuation.price, 1.1166414565589435, 1e-12);
    expectRelative(valuation.rho, -0.37221381885298116, 1e-12);
    expect(valuation.conventions.underlying).toBe('forward');
    expect(valuation.conventions.dividendYield).toBeNull();
  });

  it('passes the dividend yield to Black-Scholes-Merton (Haug 2nd ed. Ch. 1: Merton put 2.4648)', () => {
    const valuation = priceOption({
      model: 'black-scholes-merton',
      optionType: 'PUT',
      underlying: 100,
      strike: 95,
      timeYears: 0.5,
      volatility: 0.2,
      rate: 0.1,
      dividendYield: 0.05,
    });
    expectRelative(valuation.price, 2.464787646755821, 1e-12);
    expect(valuation.conventions.dividendYield).toBe(0.05);
  });

  it('gives intrinsic value and finite Greeks at expiry', () => {
    const valuation = priceOption({ ...HULL_15_6, timeYears: 0 });
    expect(valuation.price).toBe(2);
    expect(valuation.delta).toBe(1);
    expect(valuation.gamma).toBe(0);
    expect(valuation.vega).toBe(0);
    expect(valuation.vegaPerPct).toBe(0);
    expect(valuation.theta).toBeCloseTo(-4, 14);
    expect(valuation.rho).toBe(0);
  });
});

describe('the same volatility under ACT/365 and BUS/252', () => {
  // A long weekend on NSE: Thursday 2025-01-16 15:30 IST (the close) to Monday 2025-01-20 15:30 IST.
  // ACT/365 ages the option 4 calendar days, BUS/252 two business days (8.5/24 + 1 + 15.5/24), so
  // T_ACT / T_BUS = (4/365)/(2/252) = 1.381 and an at-the-money price, ≈ 0.4·S·σ√T, is √1.381 ≈ 1.18 times
  // higher under ACT/365 at the same σ: the 20% gap quoted for short-dated options. Further from the money
  // the gap widens (27% at strike 23 100).
  const from = Date.UTC(2025, 0, 16, 10);
  const to = Date.UTC(2025, 0, 20, 10);
  const timeZone = 'Asia/Kolkata';

  it('gives at-the-money prices 18.5% apart', () => {
    const actYears = yearFraction(from, to, 'ACT/365');
    const busYears = yearFraction(from, to, 'BUS/252', { timeZone });
    expect(actYears).toBe(4 / 365);
    expect(busYears).toBeCloseTo(2 / 252, 15);
    const price = (strike: number, timeYears: number) =>
      priceOption({
        model: 'black-scholes-merton',
        optionType: 'CALL',
        underlying: 23_000,
        strike,
        timeYears,
        volatility: 0.15,
        rate: 0.065,
      }).price;
    expectRelative(price(23_000, actYears), 152.36724615762407, 1e-12);
    expectRelative(price(23_000, busYears), 128.60488928497162, 1e-12);
    expect(price(23_000, actYears) / price(23_000, busYears)).toBeCloseTo(1.18477, 5);
    expect(price(23_100, actYears) / price(23_100, busYears)).toBeCloseTo(1.26971, 5);
  });
});

describe('input validation', () => {
  const cases: [string, Partial<Record<keyof OptionPricingInput, unknown>>][] = [
    ['model', { model: 'heston' }],
    ['optionType', { optionType: 'call' }],
    ['underlying', { underlying: 0 }],
    ['underlying', { underlying: -42 }],
    ['underlying', { underlying: NaN }],
    ['underlying', { underlying: Infinity }],
    ['underlying', { underlying: '42' }],
    ['strike', { strike: 0 }],
    ['strike', { strike: Infinity }],
    ['timeYears', { timeYears: -1e-9 }],
    ['timeYears', { timeYears: NaN }],
    ['volatility', { volatility: -0.2 }],
    ['volatility', { volatility: Infinity }],
    ['rate', { rate: NaN }],
    ['rate', { rate: -Infinity }],
    ['dividendYield', { dividendYield: Infinity }],
    ['dayCount', { dayCount: 'ACT/360' }],
    ['dividendYield', { model: 'black-76', dividendYield: 0.02 }],
  ];

  it.each(cases)('rejects %s in %o with PricingInputError', (field, override) => {
    const run = () => priceOption({ ...HULL_15_6, ...override } as OptionPricingInput);
    expect(run).toThrow(PricingInputError);
    expect(run).toThrow(expect.objectContaining({ field }));
  });

  it('accepts the boundary values T = 0, σ = 0, negative rates and yields', () => {
    const valuation = priceOption({
      ...HULL_15_6,
      timeYears: 0,
      volatility: 0,
      rate: -0.01,
      dividendYield: -0.02,
    });
    expect(valuation.price).toBe(2);
  });
});
