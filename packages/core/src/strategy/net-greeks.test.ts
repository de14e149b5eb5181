import { describe, expect, it } from 'vitest';
import { blackScholesMertonInto, createGreeksOut } from '../pricing';
import type { PricingConventions } from '../schemas';
import {
  BSM_ACT365,
  FAR,
  LOT,
  NEAR_YEARS_ACT365,
  option,
  strategyOf,
  testModel,
} from '../testing/strategy-fixtures';
import type { NetGreeks } from './analysis-schema';
import { netGreeksAt } from './net-greeks';
import type { OptionLeg, Strategy } from './strategy-schema';
import { valueStrategyAt } from './valuation';

const KEYS = ['delta', 'gamma', 'vega', 'theta', 'rho'] as const;

function greeksOf(
  strategy: Strategy,
  conventions: PricingConventions = BSM_ACT365,
  price = 21_537,
): NetGreeks {
  const model = testModel(strategy, conventions);
  return netGreeksAt(valueStrategyAt(model, model.asOfMs), price);
}

const lower = option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 150, iv: 0.14 });
const upper = option({
  side: 'BUY',
  option_type: 'CALL',
  strike: 21_700,
  entry_price: 70,
  iv: 0.13,
  expiry: FAR,
});

describe('net Greeks', () => {
  it("one long lot: the model's Greeks × the lot size, vega and rho per 1%, theta per day of the day count", () => {
    const out = createGreeksOut();
    blackScholesMertonInto(out, 'CALL', 21_537, 21_500, NEAR_YEARS_ACT365, 0.065, 0.012, 0.14);
    const net = greeksOf(strategyOf(lower));
    expect(net.delta).toBeCloseTo(LOT * out.delta, 12);
    expect(net.gamma).toBeCloseTo(LOT * out.gamma, 14);
    expect(net.vega).toBeCloseTo((LOT * out.vega) / 100, 10);
    expect(net.theta).toBeCloseTo((LOT * out.theta) / 365, 10);
    expect(net.rho).toBeCloseTo((LOT * out.rho) / 100, 10);
    const perTradingDay = greeksOf(strategyOf(lower), { ...BSM_ACT365, day_count: 'BUS/252' });
    // Fewer, longer days: the same option decays more per trading day than per calendar day.
    expect(perTradingDay.theta).toBeLessThan(net.theta);
  });

  for (const conventions of [
    BSM_ACT365,
    { ...BSM_ACT365, model: 'black-76' as const, day_count: 'BUS/252' as const },
  ]) {
    it(`${conventions.model} ${conventions.day_count}: a spread's Greeks are the difference of its legs'`, () => {
      const sold: OptionLeg = { ...upper, side: 'SELL', lots: 3 };
      const spread = greeksOf(strategyOf(lower, sold), conventions);
      const long = greeksOf(strategyOf(lower), conventions);
      const short = greeksOf(strategyOf({ ...upper, lots: 3 }), conventions);
      for (const key of KEYS) {
        expect(Math.abs(spread[key] - (long[key] - short[key]))).toBeLessThanOrEqual(
          1e-12 * Math.abs(long[key]),
        );
      }
    });
  }

  it('an underlying leg adds its units to delta and nothing else; a straddle is close to delta-neutral at the money', () => {
    const hedge = { kind: 'underlying' as const, side: 'SELL' as const, lots: 2, entry_price: 21_500 };
    const hedged = greeksOf(strategyOf(lower, hedge));
    const alone = greeksOf(strategyOf(lower));
    expect(hedged.delta).toBeCloseTo(alone.delta - 2 * LOT, 12);
    for (const key of ['gamma', 'vega', 'theta', 'rho'] as const) expect(hedged[key]).toBe(alone[key]);
    const straddle = greeksOf(
      strategyOf(
        lower,
        option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 120, iv: 0.14 }),
      ),
      BSM_ACT365,
      21_500,
    );
    expect(Math.abs(straddle.delta)).toBeLessThan(0.1 * LOT);
    expect(straddle.gamma).toBeGreaterThan(0);
    expect(straddle.theta).toBeLessThan(0);
  });
});
