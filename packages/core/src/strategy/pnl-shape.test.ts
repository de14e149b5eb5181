import { describe, expect, it } from 'vitest';
import type { PricingConventions } from '../schemas';
import {
  BSM_ACT365,
  FAR,
  FAR_AFTER_NEAR_YEARS_ACT365,
  LOT,
  option,
  strategyOf,
  valueAtExpiry,
} from '../testing/strategy-fixtures';
import { pnlShape } from './pnl-shape';
import type { Strategy } from './strategy-schema';
import { pnlAt } from './valuation';

function shapeAtExpiry(strategy: Strategy, conventions: PricingConventions) {
  const valuation = valueAtExpiry(strategy, conventions);
  return { valuation, shape: pnlShape(valuation) };
}

// A call and a put calendar at the near expiry: the far legs keep 28 days of model value.
const calendars = strategyOf(
  option({ side: 'SELL', option_type: 'CALL', strike: 21_500, entry_price: 180 }),
  option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 420, expiry: FAR, lots: 2 }),
  option({ side: 'SELL', option_type: 'PUT', strike: 21_000, entry_price: 90, lots: 3 }),
  option({ side: 'BUY', option_type: 'PUT', strike: 21_000, entry_price: 260, expiry: FAR }),
);
const cost = LOT * (-180 + 2 * 420 - 3 * 90 + 260);

describe('the P&L at both ends of the half-line, in closed form', () => {
  for (const conventions of [BSM_ACT365, { ...BSM_ACT365, model: 'black-76' as const }]) {
    it(`${conventions.model}: limits at 0 and slope at ∞ agree with the curve far out`, () => {
      const { valuation, shape } = shapeAtExpiry(calendars, conventions);
      const tau = FAR_AFTER_NEAR_YEARS_ACT365;
      const discount = Math.exp(-0.065 * tau);
      expect(shape.piecewiseLinear).toBe(false);
      // At 0: the 3 short near puts pay 21,000 each, the far put is worth 21,000 e^{−rτ}.
      expect(shape.atZero).toBeCloseTo(LOT * (-3 * 21_000 + 21_000 * discount) - cost, 8);
      expect(pnlAt(valuation, 1e-6)).toBeCloseTo(shape.atZero, 3);
      // At ∞: −1 near call + 2 far calls of slope e^{−qτ} (BSM) or e^{−rτ} (Black-76).
      const farSlope = conventions.model === 'black-76' ? discount : Math.exp(-0.012 * tau);
      expect(shape.slopeAtInfinity).toBeCloseTo(LOT * (2 * farSlope - 1), 12);
      const slopeFarOut = (pnlAt(valuation, 2e7) - pnlAt(valuation, 1e7)) / 1e7;
      expect(slopeFarOut).toBeCloseTo(shape.slopeAtInfinity, 9);
      expect(shape.limitAtInfinity).toBeNull();
    });
  }

  it('a bounded tail: its limit is Σ units × (−K e^{−rτ}) over the calls, minus the cost', () => {
    const noYield = { ...BSM_ACT365, dividend_yield: 0 };
    const callCalendar = strategyOf(calendars.legs[0]!, { ...calendars.legs[1]!, lots: 1 });
    const { valuation, shape } = shapeAtExpiry(callCalendar, noYield);
    const discount = Math.exp(-0.065 * FAR_AFTER_NEAR_YEARS_ACT365);
    expect(shape.slopeAtInfinity).toBe(0);
    const limit = LOT * (21_500 - 21_500 * discount) - LOT * (420 - 180);
    expect(shape.limitAtInfinity).toBeCloseTo(limit, 8);
    expect(pnlAt(valuation, 1e7)).toBeCloseTo(limit, 4);
  });

  it('every option expiring: piecewise linear with nodes at the strikes only', () => {
    const { shape } = shapeAtExpiry(
      strategyOf(
        option({ side: 'BUY', option_type: 'PUT', strike: 21_000, entry_price: 20 }),
        option({ side: 'SELL', option_type: 'CALL', strike: 22_000, entry_price: 30 }),
        option({ side: 'SELL', option_type: 'PUT', strike: 21_000, entry_price: 20 }),
      ),
      BSM_ACT365,
    );
    expect(shape).toMatchObject({ piecewiseLinear: true, nodes: [21_000, 22_000], slopeAtInfinity: -LOT });
    expect(shape.values).toEqual([LOT * 30, LOT * 30]);
  });
});
