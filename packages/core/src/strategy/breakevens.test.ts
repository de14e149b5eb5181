import { describe, expect, it } from 'vitest';
import type { PricingConventions } from '../schemas';
import {
  B76_ACT365,
  BSM_ACT365,
  CALENDAR,
  FAR,
  IRON_CONDOR,
  LOT,
  option,
  strategyOf,
  valueAfterDays,
  valueAtExpiry,
  vertical,
} from '../testing/strategy-fixtures';
import { profitableRegion } from './breakevens';
import { pnlShape } from './pnl-shape';
import type { Strategy } from './strategy-schema';
import { pnlAt, type StrategyValuation } from './valuation';

/** The profitable ranges and breakevens of `strategy` at its nearest expiry. */
function regionAtExpiry(strategy: Strategy, conventions?: PricingConventions) {
  return profitableRegion(valueAtExpiry(strategy, conventions));
}

describe('breakevens at expiry, solved exactly piece by piece', () => {
  it('verticals: the bought strike plus or minus the net premium', () => {
    // Debit 120 − 70 = 50 and credit 50 on 100-wide spreads (Hull 8th ed., §12.1).
    expect(regionAtExpiry(vertical('CALL', { buy: [21_500, 120], sell: [21_600, 70] }))).toEqual({
      ranges: [{ from: 21_550, to: null }],
      breakevens: [21_550],
    });
    expect(regionAtExpiry(vertical('PUT', { buy: [21_500, 110], sell: [21_400, 60] }))).toEqual({
      ranges: [{ from: 0, to: 21_450 }],
      breakevens: [21_450],
    });
    const bearCall = regionAtExpiry(vertical('CALL', { sell: [21_500, 120.4], buy: [21_600, 70.15] }));
    expect(bearCall.breakevens).toHaveLength(1);
    expect(bearCall.breakevens[0]).toBeCloseTo(21_550.25, 9);
    expect(bearCall.ranges).toEqual([{ from: 0, to: bearCall.breakevens[0] }]);
    const bullPut = regionAtExpiry(vertical('PUT', { sell: [21_500, 110], buy: [21_400, 60] }));
    expect(bullPut.breakevens).toEqual([21_450]);
  });

  it('straddles: K ± the premium of both legs, for either model', () => {
    for (const conventions of [BSM_ACT365, B76_ACT365]) {
      const long = strategyOf(
        option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 201.35 }),
        option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 178.4 }),
      );
      const premium = 201.35 + 178.4;
      const region = regionAtExpiry(long, conventions);
      expect(region.breakevens).toHaveLength(2);
      expect(region.breakevens[0]).toBeCloseTo(21_500 - premium, 9);
      expect(region.breakevens[1]).toBeCloseTo(21_500 + premium, 9);
      expect(region.ranges).toEqual([
        { from: 0, to: region.breakevens[0] },
        { from: region.breakevens[1], to: null },
      ]);
      const short = strategyOf(...long.legs.map((leg) => ({ ...leg, side: 'SELL' as const, lots: 3 })));
      const shortRegion = regionAtExpiry(short, conventions);
      expect(shortRegion.breakevens).toEqual(region.breakevens);
      expect(shortRegion.ranges).toEqual([{ from: region.breakevens[0], to: region.breakevens[1] }]);
    }
  });

  it('an iron condor, and the underlying with two puts per unit, have two breakevens each', () => {
    // Credit 30 per unit.
    expect(regionAtExpiry(IRON_CONDOR)).toEqual({
      ranges: [{ from: 21_070, to: 22_030 }],
      breakevens: [21_070, 22_030],
    });
    // Long 2 puts at 21,000 for 100 and long one lot of the underlying at 21,500: P&L at x is
    // 2·max(21,000 − x, 0) − 200 + x − 21,500 per unit, zero at 20,300 and 21,700, positive below and above.
    const protectedLong = strategyOf(
      option({ side: 'BUY', option_type: 'PUT', strike: 21_000, entry_price: 100, lots: 2 }),
      { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 21_500 },
    );
    expect(regionAtExpiry(protectedLong)).toEqual({
      ranges: [
        { from: 0, to: 20_300 },
        { from: 21_700, to: null },
      ],
      breakevens: [20_300, 21_700],
    });
  });

  it('a P&L that only touches zero from below has no breakeven there; from above it does', () => {
    // A butterfly bought for exactly its width: its best outcome, at the middle strike, is 0.
    const zeroButterfly = strategyOf(
      option({ side: 'BUY', option_type: 'CALL', strike: 21_400, entry_price: 150 }),
      option({ side: 'SELL', option_type: 'CALL', strike: 21_500, entry_price: 50, lots: 2 }),
      option({ side: 'BUY', option_type: 'CALL', strike: 21_600, entry_price: 50 }),
    );
    expect(regionAtExpiry(zeroButterfly)).toEqual({ ranges: [], breakevens: [] });
    const mirrored = strategyOf(
      ...zeroButterfly.legs.map((leg) => ({
        ...leg,
        side: leg.side === 'BUY' ? ('SELL' as const) : ('BUY' as const),
      })),
    );
    expect(regionAtExpiry(mirrored)).toEqual({
      ranges: [
        { from: 0, to: 21_500 },
        { from: 21_500, to: null },
      ],
      breakevens: [21_500],
    });
  });
  it('a P&L that is 0 along a whole piece is not profitable there', () => {
    // A bull call spread entered for nothing: 0 up to the lower strike, positive above it.
    expect(regionAtExpiry(vertical('CALL', { buy: [21_500, 70], sell: [21_600, 70] }))).toEqual({
      ranges: [{ from: 21_500, to: null }],
      breakevens: [21_500],
    });
  });
});

describe('breakevens of a smooth P&L, by Brent on bracketed sign changes', () => {
  function expectRoots(valuation: StrategyValuation, count: number) {
    const { breakevens } = profitableRegion(valuation);
    expect(breakevens).toHaveLength(count);
    for (const price of breakevens) {
      // A sign change within 1e-11 of the price on either side: refined to ~1e-12 relative.
      const below = pnlAt(valuation, price * (1 - 1e-11));
      const above = pnlAt(valuation, price * (1 + 1e-11));
      expect(below * above).toBeLessThanOrEqual(0);
    }
    return breakevens;
  }

  it('a calendar at the near expiry: two breakevens around the strike', () => {
    const [low, high] = expectRoots(valueAtExpiry(CALENDAR), 2);
    expect(low).toBeLessThan(21_500);
    expect(high).toBeGreaterThan(21_500);
  });

  it('a strangle before expiry, in both models and day counts', () => {
    const strangle = strategyOf(
      option({ side: 'SELL', option_type: 'PUT', strike: 21_000, entry_price: 40 }),
      option({ side: 'SELL', option_type: 'CALL', strike: 22_000, entry_price: 35 }),
    );
    for (const conventions of [BSM_ACT365, { ...BSM_ACT365, day_count: 'BUS/252' as const }, B76_ACT365]) {
      const valuation = valueAfterDays(strangle, 3, conventions);
      const [low, high] = expectRoots(valuation, 2);
      // Before expiry the options still hold time value, so the breakevens lie inside those at expiry.
      expect(low).toBeGreaterThan(21_000 - 75);
      expect(high).toBeLessThan(22_000 + 75);
    }
  });

  it('finds a root below the scanned range by halving', () => {
    // The underlying bought at 10 (a price far below the strikes) and a far call, with a near call far out
    // of the money so the far one is alive at the near expiry: zero just where x = 10.
    const cheapLong = strategyOf(
      { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 10 },
      option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 0, expiry: FAR }),
      option({ side: 'SELL', option_type: 'CALL', strike: 40_000, entry_price: 0 }),
    );
    const valuation = valueAtExpiry(cheapLong);
    expect(pnlShape(valuation)).toMatchObject({ piecewiseLinear: false, atZero: -10 * LOT });
    expect(pnlShape(valuation).nodes[0]).toBeGreaterThan(1_000);
    const breakevens = expectRoots(valuation, 1);
    expect(breakevens[0]).toBeCloseTo(10, 9);
  });

  it('finds a root beyond the scanned range by doubling, where the tail is linear', () => {
    // Short the underlying at 21,500 and long a far call: the P&L falls with slope −(1 − e^{−qτ}) per unit at
    // large prices and crosses zero far above any strike.
    const hedged = strategyOf(
      { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 21_500 },
      option({ side: 'BUY', option_type: 'CALL', strike: 1_000, entry_price: 19_000, expiry: FAR }),
      option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 1, iv: 0.14 }),
    );
    const valuation = valueAtExpiry(hedged);
    const shape = pnlShape(valuation);
    expect(shape.slopeAtInfinity).toBeLessThan(0);
    const breakevens = expectRoots(valuation, 1);
    expect(breakevens[0]).toBeGreaterThan(shape.nodes[shape.nodes.length - 1]!);
    expect(pnlAt(valuation, breakevens[0]!) / (LOT * breakevens[0]!)).toBeLessThan(1e-12);
  });
});
