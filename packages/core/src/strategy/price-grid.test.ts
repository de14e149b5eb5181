import { describe, expect, it } from 'vitest';
import { BSM_ACT365, FAR, option, strategyOf, testMarket, testModel } from '../testing/strategy-fixtures';
import { PriceGridSchema } from './analysis-schema';
import { defaultPriceGrid, gridPrices } from './price-grid';

describe('price grids', () => {
  it('spaces points evenly and ends exactly at `to`; a list is taken as it is', () => {
    expect(gridPrices({ from: 100, to: 110, points: 3 })).toEqual([100, 105, 110]);
    const prices = gridPrices({ from: 0.1, to: 0.7, points: 7 });
    expect(prices).toHaveLength(7);
    expect(prices[6]).toBe(0.7);
    expect(prices[3]).toBeCloseTo(0.4, 15);
    expect(gridPrices([30, 10, 20])).toEqual([30, 10, 20]);
  });

  it('rejects an empty or reversed grid', () => {
    expect(PriceGridSchema.safeParse([]).success).toBe(false);
    expect(PriceGridSchema.safeParse({ from: 10, to: 10, points: 5 }).success).toBe(false);
    expect(PriceGridSchema.safeParse({ from: 10, to: 20, points: 1 }).success).toBe(false);
    expect(PriceGridSchema.safeParse({ from: 10, to: 20, points: 5001 }).success).toBe(false);
  });

  it('by default covers every strike and spot ± 4σ√T at the nearest expiry', () => {
    const strategy = strategyOf(
      option({ side: 'BUY', option_type: 'CALL', strike: 25_000, entry_price: 1, iv: 0.2 }),
      option({ side: 'BUY', option_type: 'PUT', strike: 21_000, entry_price: 1, iv: 0.1, expiry: FAR }),
    );
    const model = testModel(strategy, BSM_ACT365, testMarket(21_537));
    const grid = defaultPriceGrid(model) as { from: number; to: number; points: number };
    const halfWidth = 4 * 0.2 * Math.sqrt(model.nearestExpiryYears);
    expect(grid.from).toBeCloseTo(21_537 * Math.exp(-halfWidth), 9);
    expect(grid.to).toBeCloseTo(25_000 * 1.02, 9);
    expect(grid.points).toBe(501);
  });
});
