import { describe, expect, it } from 'vitest';
import { LOT, option, strategyOf, testModel } from '../testing/strategy-fixtures';
import { markToMarket } from './mark-to-market';
import { pnlAt, valueStrategyAt } from './valuation';

const spread = strategyOf(
  option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 180, lots: 2 }),
  option({ side: 'SELL', option_type: 'CALL', strike: 21_700, entry_price: 95 }),
  { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 21_540 },
);
const model = testModel(spread);

describe('markToMarket', () => {
  it('is units × (mark − entry) per leg, bought legs long and sold legs short, and their sum', () => {
    const marked = markToMarket(model, [190.5, 101, 21_520]);
    // +2 lots gain 10.5, −1 lot loses 6, the short underlying gains 20, each × 75.
    expect(marked.legs).toEqual([2 * LOT * 10.5, -LOT * 6, LOT * 20]);
    expect(marked.total).toBe(2 * LOT * 10.5 - LOT * 6 + LOT * 20);
  });

  it('marked at the model’s own values it is the model’s P&L', () => {
    const options = strategyOf(spread.legs[0]!, spread.legs[1]!);
    const optionsModel = testModel(options);
    const spot = 21_537;
    // Each leg's value: the P&L of that leg alone, per unit, plus its entry price.
    const values = options.legs.map((leg) => {
      const alone = testModel(strategyOf(leg));
      const { units, entryPrice } = alone.legs[0]!;
      return pnlAt(valueStrategyAt(alone, alone.asOfMs), spot) / units + entryPrice;
    });
    expect(markToMarket(optionsModel, values).total).toBeCloseTo(
      pnlAt(valueStrategyAt(optionsModel, optionsModel.asOfMs), spot),
      6,
    );
  });

  it('has no total while a leg has no mark, and zero when every mark is its entry', () => {
    expect(markToMarket(model, [190.5, null, 21_520])).toEqual({
      legs: [2 * LOT * 10.5, null, LOT * 20],
      total: null,
    });
    const flat = markToMarket(model, [180, 95, 21_540]);
    expect(flat.legs.every((pnl) => pnl === 0)).toBe(true);
    expect(flat.total).toBe(0);
  });
});
