import { describe, expect, it } from 'vitest';
import { black76Into, blackScholesMertonInto, createGreeksOut } from '../pricing';
import type { PricingConventions } from '../schemas';
import {
  AS_OF,
  B76_ACT365,
  BSM_ACT365,
  CALENDAR,
  FAR_AFTER_NEAR_YEARS_ACT365,
  fieldOf,
  LOT,
  NEAR,
  NEAR_YEARS_ACT365,
  option,
  strategyOf,
  testModel,
  valueAfterDays,
  valueAtExpiry,
} from '../testing/strategy-fixtures';
import { gridPrices } from './price-grid';
import { pnlAt, pnlCurveInto, pnlSlopeAt, scenarioInstantMs, valueStrategyAt } from './valuation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ASOF_MS = Date.parse(AS_OF);
const NEAR_MS = Date.parse('2026-12-01T10:00:00Z');

const BSM_BUS252: PricingConventions = { ...BSM_ACT365, day_count: 'BUS/252' };
const B76_BUS252: PricingConventions = { ...B76_ACT365, day_count: 'BUS/252' };

const out = createGreeksOut();
/** The model price of one option, straight from the pricing kernels. */
function modelPrice(
  conventions: PricingConventions,
  optionType: 'CALL' | 'PUT',
  price: number,
  strike: number,
  timeYears: number,
  volatility: number,
): number {
  return conventions.model === 'black-76'
    ? black76Into(out, optionType, price, strike, timeYears, conventions.rate, volatility).price
    : blackScholesMertonInto(
        out,
        optionType,
        price,
        strike,
        timeYears,
        conventions.rate,
        conventions.dividend_yield,
        volatility,
      ).price;
}

const GRID = gridPrices({ from: 15_000, to: 28_000, points: 1000 });
const CALL_PREMIUM = 260.5;
const PUT_PREMIUM = 185.25;
/** A call and a put valued at one IV: the synthetic forward. */
const longCall = option({
  side: 'BUY',
  option_type: 'CALL',
  strike: 21_500,
  entry_price: CALL_PREMIUM,
  iv: 0.15,
});
const shortPut = option({
  side: 'SELL',
  option_type: 'PUT',
  strike: 21_500,
  entry_price: PUT_PREMIUM,
  iv: 0.15,
});
const synthetic = strategyOf(longCall, shortPut);
/** The same legs valued at two IVs: each leg must be priced with its own. */
const skewed = strategyOf({ ...longCall, iv: 0.14 }, { ...shortPut, iv: 0.17 });

describe('put-call parity: long call + short put = long forward', () => {
  // Hull 8th ed., §11.4 (BSM with yield: c − p = S e^{−qτ} − K e^{−rτ}) and §18.4 (Black-76: c − p = e^{−rτ}(F − K)):
  // at one IV the synthetic's value has no volatility in it.
  for (const conventions of [BSM_ACT365, B76_ACT365]) {
    it(`${conventions.model}: at T+2 days over 1,000 prices`, () => {
      const valuation = valueAfterDays(synthetic, 2, conventions);
      const tau = NEAR_YEARS_ACT365 - 2 / 365;
      expect(valuation.timeYears[0]).toBeCloseTo(tau, 15);
      const { rate, dividend_yield: q } = conventions;
      for (const price of GRID) {
        const forwardValue =
          conventions.model === 'black-76'
            ? Math.exp(-rate * tau) * (price - 21_500)
            : price * Math.exp(-q * tau) - 21_500 * Math.exp(-rate * tau);
        const expected = LOT * (forwardValue - (CALL_PREMIUM - PUT_PREMIUM));
        expect(Math.abs(pnlAt(valuation, price) - expected)).toBeLessThan(1e-12 * LOT * price);
        const delta = conventions.model === 'black-76' ? Math.exp(-rate * tau) : Math.exp(-q * tau);
        expect(pnlSlopeAt(valuation, price, 1)).toBeCloseTo(LOT * delta, 10);
      }
    });
  }

  it('at expiry it is a long underlying leg entered at K + c − p, exactly', () => {
    const syntheticAtExpiry = valueAtExpiry(synthetic);
    const forward = valueAtExpiry(
      strategyOf(
        { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 21_500 + CALL_PREMIUM - PUT_PREMIUM },
        // A far-out call bought and sold: the strategy needs an option leg to have an expiry.
        option({ side: 'BUY', option_type: 'CALL', strike: 40_000, entry_price: 1 }),
        option({ side: 'SELL', option_type: 'CALL', strike: 40_000, entry_price: 1 }),
      ),
    );
    for (const price of GRID) {
      expect(pnlAt(syntheticAtExpiry, price)).toBeCloseTo(pnlAt(forward, price), 8);
      expect(pnlAt(syntheticAtExpiry, price)).toBeCloseTo(
        LOT * (price - 21_500 - CALL_PREMIUM + PUT_PREMIUM),
        8,
      );
    }
  });
});

describe('time to expiry under each day count', () => {
  // From Friday 2026-11-27 10:00 IST (AS_OF Tuesday 10:30 IST + 3 days − 30 min) to Tuesday 15:30 IST:
  // ACT/365: 4 days 5.5 hours; BUS/252: 14/24 of Friday + Monday + 15.5/24 of Tuesday (Monday a holiday: no Monday).
  const daysForward = 3 - 0.5 / 24;
  const cases: [string, PricingConventions, string[], number][] = [
    ['ACT/365 Black-Scholes-Merton', BSM_ACT365, [], (4 * 24 + 5.5) / 24 / 365],
    ['ACT/365 Black-76', B76_ACT365, [], (4 * 24 + 5.5) / 24 / 365],
    ['BUS/252 Black-Scholes-Merton', BSM_BUS252, [], (14 + 24 + 15.5) / 24 / 252],
    ['BUS/252 Black-76', B76_BUS252, [], (14 + 24 + 15.5) / 24 / 252],
    ['BUS/252 with a Monday holiday', BSM_BUS252, ['2026-11-30'], (14 + 15.5) / 24 / 252],
  ];
  for (const [name, conventions, holidays, tau] of cases) {
    it(`${name}: every leg is its model price over τ = ${tau.toPrecision(6)}`, () => {
      const valuation = valueAfterDays(skewed, daysForward, conventions, holidays);
      expect(valuation.timeYears[0]).toBeCloseTo(tau, 14);
      expect(valuation.timeYears[1]).toBeCloseTo(tau, 14);
      const curve = pnlCurveInto(valuation, GRID, []);
      GRID.forEach((price, j) => {
        const call = modelPrice(conventions, 'CALL', price, 21_500, tau, 0.14);
        const put = modelPrice(conventions, 'PUT', price, 21_500, tau, 0.17);
        const expected = LOT * (call - CALL_PREMIUM - (put - PUT_PREMIUM));
        expect(Math.abs(curve[j]! - expected)).toBeLessThan(1e-9 * LOT * price);
      });
    });
  }

  it('at the expiry instant an expiring option is worth its intrinsic value', () => {
    const valuation = valueAtExpiry(skewed, B76_BUS252);
    expect([...valuation.timeYears]).toEqual([0, 0]);
    expect(pnlAt(valuation, 21_600)).toBe(LOT * 100 - (LOT * CALL_PREMIUM - LOT * PUT_PREMIUM));
    expect(pnlAt(valuation, 21_400)).toBe(-LOT * 100 - (LOT * CALL_PREMIUM - LOT * PUT_PREMIUM));
  });
});

describe('calendar: the far leg at the near expiry', () => {
  it('is the Black-Scholes-Merton price over the 28 days left, never its intrinsic value', () => {
    const model = testModel(CALENDAR);
    expect(model.nearestExpiry).toBe(NEAR);
    expect(model.nearestExpiryMs).toBe(NEAR_MS);
    const valuation = valueStrategyAt(model, model.nearestExpiryMs);
    expect(valuation.timeYears[0]).toBe(0);
    expect(valuation.timeYears[1]).toBeCloseTo(FAR_AFTER_NEAR_YEARS_ACT365, 15);
    for (const price of [18_000, 21_000, 21_500, 22_000, 25_000]) {
      const farCall = modelPrice(BSM_ACT365, 'CALL', price, 21_500, FAR_AFTER_NEAR_YEARS_ACT365, 0.15);
      expect(farCall).toBeGreaterThan(Math.max(0, price - 21_500) - 21_500 * 0.065 * 0.08);
      const expected = LOT * (farCall - 420) - LOT * (Math.max(0, price - 21_500) - 180);
      expect(pnlAt(valuation, price)).toBeCloseTo(expected, 8);
    }
    // With the IV shifted, the far leg is repriced at its IV + 3 points; the expiring leg does not care.
    const shifted = valueStrategyAt(model, model.nearestExpiryMs, 3);
    const farShifted = modelPrice(BSM_ACT365, 'CALL', 21_500, 21_500, FAR_AFTER_NEAR_YEARS_ACT365, 0.18);
    expect(pnlAt(shifted, 21_500)).toBeCloseTo(LOT * (farShifted - 420) + LOT * 180, 8);
  });
});

describe('checks', () => {
  it('names the expired leg, the wrong product and a scenario beyond the nearest expiry', () => {
    const expired = strategyOf(
      option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 1 }),
      option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 1, expiry: '2026-11-17' }),
    );
    expect(fieldOf(() => testModel(expired))).toBe('legs.1.expiry');
    expect(fieldOf(() => testModel({ ...synthetic, product: 'BANKNIFTY' }))).toBe('product');
    const model = testModel(synthetic);
    expect(scenarioInstantMs(model, 7 + 5 / 24)).toBe(NEAR_MS);
    expect(fieldOf(() => scenarioInstantMs(model, 7.25))).toBe('scenario.days_forward');
    expect(fieldOf(() => valueStrategyAt(model, ASOF_MS - DAY))).toBe('instant');
  });

  it('floors a shifted IV at zero: the option is then worth its discounted intrinsic value on the forward', () => {
    const model = testModel(synthetic);
    const valuation = valueStrategyAt(model, ASOF_MS, -20);
    expect([...valuation.volatility]).toEqual([0, 0]);
    const tau = NEAR_YEARS_ACT365;
    const forwardValue = 22_000 * Math.exp(-0.012 * tau) - 21_500 * Math.exp(-0.065 * tau);
    expect(pnlAt(valuation, 22_000)).toBeCloseTo(LOT * (forwardValue - CALL_PREMIUM + PUT_PREMIUM), 8);
  });
});
