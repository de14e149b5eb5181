import { describe, expect, it } from 'vitest';
import { quotePrices, type QuoteInput } from './quote-prices';
import { priceGrid } from './tick-size';

const rupee = priceGrid(0.05);
const base: QuoteInput = {
  modelPrice: 100,
  grid: rupee,
  moneynessSd: 0,
  traded: false,
  tradeDraw: 0,
  previousLast: undefined,
};

describe('quotePrices', () => {
  it('centres a spread of a few ticks on the model price', () => {
    // 2 + 0.002·2000 ticks = 6 ticks: 99.85 / 100.15.
    expect(quotePrices(base)).toEqual({ bid: 99.85, ask: 100.15, last: 100 });
  });

  it('quotes a worthless option 0 bid and a one-tick ask', () => {
    expect(quotePrices({ ...base, modelPrice: 0.004, moneynessSd: 6 })).toEqual({
      bid: 0,
      ask: 0.05,
      last: 0.05,
    });
    expect(quotePrices({ ...base, modelPrice: 0, grid: priceGrid(0.01) })).toEqual({
      bid: 0,
      ask: 0.01,
      last: 0.01,
    });
  });

  it('widens in the far wings and never quotes a negative bid', () => {
    const near = quotePrices({ ...base, modelPrice: 2, moneynessSd: 0.2 });
    const far = quotePrices({ ...base, modelPrice: 2, moneynessSd: 3.5 });
    expect(far.ask - far.bid).toBeGreaterThan(near.ask - near.bid);
    const cheap = quotePrices({ ...base, modelPrice: 0.06, moneynessSd: 4 });
    expect(cheap.bid).toBe(0);
    expect(cheap.ask).toBeGreaterThanOrEqual(0.05);
  });

  it('prints a trade between bid and ask, at least one tick', () => {
    for (const tradeDraw of [0, 0.3, 0.999]) {
      const { bid, ask, last } = quotePrices({ ...base, traded: true, tradeDraw });
      expect(last).toBeGreaterThanOrEqual(bid);
      expect(last).toBeLessThanOrEqual(ask);
    }
    expect(quotePrices({ ...base, traded: true, tradeDraw: 0 }).last).toBe(99.85);
    expect(quotePrices({ ...base, traded: true, tradeDraw: 0.999 }).last).toBe(100.15);
  });

  it('keeps the previous last without a trade, moved inside the quote', () => {
    expect(quotePrices({ ...base, previousLast: 99.9 }).last).toBe(99.9);
    expect(quotePrices({ ...base, previousLast: 120 }).last).toBe(100.15);
  });
});
