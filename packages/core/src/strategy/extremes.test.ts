import { describe, expect, it } from 'vitest';
import type { PricingConventions } from '../schemas';
import {
  B76_ACT365,
  BSM_ACT365,
  CALENDAR,
  IRON_CONDOR,
  LOT,
  option,
  strategyOf,
  valueAfterDays,
  valueAtExpiry,
  vertical,
} from '../testing/strategy-fixtures';
import { pnlExtremes } from './extremes';
import { gridPrices } from './price-grid';
import type { Strategy } from './strategy-schema';
import { pnlAt, pnlSlopeAt } from './valuation';

function extremesAtExpiry(strategy: Strategy, conventions: PricingConventions = BSM_ACT365) {
  const valuation = valueAtExpiry(strategy, conventions);
  return { valuation, ...pnlExtremes(valuation) };
}

const unlimited = { unlimited: true, value: null, attained: [] };
/** A bounded extreme: its value and the price ranges that attain it. */
const bounded = (value: number, ...attained: { from: number; to: number | null }[]) => ({
  unlimited: false,
  value,
  attained,
});

describe('max profit and max loss at expiry, by hand', () => {
  it('verticals: width − debit and −debit (or credit and credit − width), on the flat pieces', () => {
    const bullCall = extremesAtExpiry(vertical('CALL', { buy: [21_500, 120], sell: [21_600, 70] }));
    expect(bullCall.maxProfit).toEqual(bounded(50 * LOT, { from: 21_600, to: null }));
    expect(bullCall.maxLoss).toEqual(bounded(-50 * LOT, { from: 0, to: 21_500 }));

    const bearPut = extremesAtExpiry(vertical('PUT', { buy: [21_500, 110], sell: [21_400, 60] }));
    expect(bearPut.maxProfit).toEqual(bounded(50 * LOT, { from: 0, to: 21_400 }));
    expect(bearPut.maxLoss).toEqual(bounded(-50 * LOT, { from: 21_500, to: null }));

    const bearCall = extremesAtExpiry(vertical('CALL', { sell: [21_500, 120], buy: [21_600, 70], lots: 2 }));
    expect(bearCall.maxProfit).toEqual(bounded(100 * LOT, { from: 0, to: 21_500 }));
    expect(bearCall.maxLoss).toEqual(bounded(-100 * LOT, { from: 21_600, to: null }));

    const bullPut = extremesAtExpiry(vertical('PUT', { sell: [21_500, 110.5], buy: [21_400, 60.25] }));
    expect(bullPut.maxProfit.value).toBeCloseTo(50.25 * LOT, 9);
    expect(bullPut.maxProfit.attained).toEqual([{ from: 21_500, to: null }]);
    expect(bullPut.maxLoss.value).toBeCloseTo(-49.75 * LOT, 9);
    expect(bullPut.maxLoss.attained).toEqual([{ from: 0, to: 21_400 }]);
  });

  it('naked options: a short call loses without bound, a long call gains without bound', () => {
    const shortCall = extremesAtExpiry(
      strategyOf(option({ side: 'SELL', option_type: 'CALL', strike: 21_500, entry_price: 150 })),
    );
    expect(shortCall.maxLoss).toEqual(unlimited);
    expect(shortCall.maxProfit).toEqual(bounded(150 * LOT, { from: 0, to: 21_500 }));
    const longCall = extremesAtExpiry(
      strategyOf(option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 150 })),
    );
    expect(longCall.maxProfit).toEqual(unlimited);
    expect(longCall.maxLoss).toEqual(bounded(-150 * LOT, { from: 0, to: 21_500 }));
  });

  it('a long put earns most as the price falls to 0: K − premium, bounded', () => {
    const longPut = extremesAtExpiry(
      strategyOf(option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 150 })),
    );
    expect(longPut.maxProfit).toEqual(bounded(21_350 * LOT, { from: 0, to: 0 }));
    expect(longPut.maxLoss).toEqual(bounded(-150 * LOT, { from: 21_500, to: null }));
  });

  it('a 1×2 call ratio spread: unlimited loss above, its best at the short strike', () => {
    const ratio = extremesAtExpiry(
      strategyOf(
        option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 150 }),
        option({ side: 'SELL', option_type: 'CALL', strike: 21_700, entry_price: 60, lots: 2 }),
      ),
    );
    expect(ratio.maxLoss).toEqual(unlimited);
    // Debit 30: 200 − 30 at 21,700.
    expect(ratio.maxProfit).toEqual(bounded(170 * LOT, { from: 21_700, to: 21_700 }));
  });

  it('a 1×2 put ratio spread: bounded both ways, its worst at a price of 0', () => {
    const ratio = extremesAtExpiry(
      strategyOf(
        option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 150 }),
        option({ side: 'SELL', option_type: 'PUT', strike: 21_300, entry_price: 60, lots: 2 }),
      ),
    );
    // At 0: 21,500 − 2 × 21,300 − 30 = −21,130 per unit.
    expect(ratio.maxLoss).toEqual(bounded(-21_130 * LOT, { from: 0, to: 0 }));
    expect(ratio.maxProfit).toEqual(bounded(170 * LOT, { from: 21_300, to: 21_300 }));
  });

  it('an iron condor: the credit between the short strikes, the loss on both wings', () => {
    const condor = extremesAtExpiry(IRON_CONDOR);
    expect(condor.maxProfit).toEqual(bounded(30 * LOT, { from: 21_100, to: 22_000 }));
    expect(condor.maxLoss).toEqual(bounded(-70 * LOT, { from: 0, to: 21_000 }, { from: 22_100, to: null }));
  });

  it('reports every range reaching the bound although strikes in decimals round differently', () => {
    // 10.2 − 10 and 10.8 − 10.6 differ in their last bits, so do the two wings' sums; both lose the same.
    expect(10.2 - 10).not.toBe(10.8 - 10.6);
    const condor = extremesAtExpiry(
      strategyOf(
        option({ side: 'BUY', option_type: 'PUT', strike: 10, entry_price: 0.02 }),
        option({ side: 'SELL', option_type: 'PUT', strike: 10.2, entry_price: 0.05 }),
        option({ side: 'SELL', option_type: 'CALL', strike: 10.6, entry_price: 0.04 }),
        option({ side: 'BUY', option_type: 'CALL', strike: 10.8, entry_price: 0.01 }),
      ),
    );
    expect(condor.maxLoss.value).toBeCloseTo(-0.14 * LOT, 12);
    expect(condor.maxLoss.attained).toEqual([
      { from: 0, to: 10 },
      { from: 10.8, to: null },
    ]);
    expect(condor.maxProfit.attained).toEqual([{ from: 10.2, to: 10.6 }]);
  });

  it('a covered call: the underlying caps at the call strike and falls to −entry at 0', () => {
    const covered = extremesAtExpiry(
      strategyOf(
        { kind: 'underlying', side: 'BUY', lots: 1, entry_price: 21_500 },
        option({ side: 'SELL', option_type: 'CALL', strike: 21_600, entry_price: 70 }),
      ),
    );
    expect(covered.maxProfit).toEqual(bounded(170 * LOT, { from: 21_600, to: null }));
    expect(covered.maxLoss).toEqual(bounded(-21_430 * LOT, { from: 0, to: 0 }));
  });
});

describe('max profit and max loss with a far leg alive at the near expiry', () => {
  it('without a dividend yield: the debit is lost as the price falls to 0, the peak is at the strike', () => {
    const { valuation, maxProfit, maxLoss } = extremesAtExpiry(CALENDAR, {
      ...BSM_ACT365,
      dividend_yield: 0,
    });
    expect(maxLoss).toEqual(bounded(-240 * LOT, { from: 0, to: 0 }));
    // The far call's delta is below 1, so the P&L rises up to the strike and falls once the near call costs.
    expect(maxProfit).toEqual(bounded(pnlAt(valuation, 21_500), { from: 21_500, to: 21_500 }));
    expect(pnlSlopeAt(valuation, 21_500, -1)).toBeGreaterThan(0);
    expect(pnlSlopeAt(valuation, 21_500, 1)).toBeLessThan(0);
  });

  it('before expiry a straddle bottoms out where its delta is 0, found by Brent on the delta', () => {
    const straddle = strategyOf(
      option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 200, iv: 0.14 }),
      option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 180, iv: 0.16 }),
    );
    const valuation = valueAfterDays(straddle, 0);
    const { maxLoss, maxProfit } = pnlExtremes(valuation);
    expect(maxProfit).toEqual(unlimited);
    const bottom = maxLoss.attained[0]!.from;
    expect(maxLoss.attained).toEqual([{ from: bottom, to: bottom }]);
    expect(Math.abs(bottom / 21_500 - 1)).toBeLessThan(0.01);
    expect(bottom).not.toBe(21_500);
    expect(Math.abs(pnlSlopeAt(valuation, bottom, 1))).toBeLessThan(1e-9 * LOT);
    expect(maxLoss.value).toBe(pnlAt(valuation, bottom));
    for (const price of gridPrices({ from: 20_000, to: 23_000, points: 30_001 })) {
      expect(pnlAt(valuation, price)).toBeGreaterThanOrEqual(maxLoss.value!);
    }
  });

  it('with a dividend yield the far call gains less than the near call costs above the strike: unlimited loss', () => {
    // At the near expiry the far call tends to S e^{−qτ} − K e^{−rτ}, the short near call costs S − K: slope e^{−qτ} − 1 < 0.
    const { maxLoss, maxProfit } = extremesAtExpiry(CALENDAR);
    expect(maxLoss).toEqual(unlimited);
    expect(maxProfit.unlimited).toBe(false);
  });

  it('the same calendar on a futures product (Black-76) is bounded only when the rate is 0', () => {
    expect(extremesAtExpiry(CALENDAR, B76_ACT365).maxLoss).toEqual(unlimited);
    const atZeroRate = extremesAtExpiry(CALENDAR, { ...B76_ACT365, rate: 0 });
    expect(atZeroRate.maxLoss.unlimited).toBe(false);
    expect(atZeroRate.maxLoss.value).toBeCloseTo(-240 * LOT, 9);
  });
});
