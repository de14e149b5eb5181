import { describe, expect, it } from 'vitest';
import { normCdf } from '../math';
import {
  AS_OF,
  FAR,
  fieldOf,
  IRON_CONDOR,
  LOT,
  NEAR,
  NEAR_YEARS_ACT365,
  option,
  strategyOf,
  testMarket,
  testModel,
  testProduct,
} from '../testing/strategy-fixtures';
import { StrategyAnalysisInputSchema, StrategyAnalysisSchema } from './analysis-schema';
import { analyzeStrategy, pnlCurves } from './analyze-strategy';
import { gridPrices } from './price-grid';
import { pnlAt, valueStrategyAt } from './valuation';

/** The iron condor analysed on the test product and market, `request` (grid, scenario, market) over those. */
function analyzeCondor(request: object = {}) {
  const input = StrategyAnalysisInputSchema.parse({
    strategy: IRON_CONDOR,
    market: testMarket(),
    ...request,
  });
  return analyzeStrategy(input, testProduct());
}

describe('analyzeStrategy', () => {
  it('an iron condor: premium, breakevens, bounds, probability and curves, in the wire shape', () => {
    const input = StrategyAnalysisInputSchema.parse({ strategy: IRON_CONDOR, market: testMarket() });
    expect(input.scenario).toEqual({ days_forward: 0, iv_shift_pct: 0 });
    const analysis = analyzeCondor({ grid: { from: 20_500, to: 22_600, points: 211 } });
    expect(StrategyAnalysisSchema.parse(analysis)).toEqual(analysis);
    expect(analysis).toMatchObject({
      product: 'NIFTY',
      as_of: AS_OF,
      spot_price: 21_537,
      lot_size: LOT,
      nearest_expiry: NEAR,
      net_premium: -30 * LOT,
      at_expiry: {
        breakevens: [21_070, 22_030],
        profitable_ranges: [{ from: 21_070, to: 22_030 }],
        max_profit: { unlimited: false, value: 30 * LOT, attained: [{ from: 21_100, to: 22_000 }] },
        max_loss: { unlimited: false, value: -70 * LOT },
      },
      scenario: { days_forward: 0, iv_shift_pct: 0, valuation_time: AS_OF },
    });
    expect(analysis.days_to_nearest_expiry).toBeCloseTo(7 + 5 / 24, 12);
    // P(21,070 < S_T < 22,030) at the near expiry's ATM IV of 14%.
    const forward = 21_537 * Math.exp((0.065 - 0.012) * NEAR_YEARS_ACT365);
    const totalVol = 0.14 * Math.sqrt(NEAR_YEARS_ACT365);
    const above = (x: number) => normCdf((Math.log(forward / x) - 0.5 * totalVol * totalVol) / totalVol);
    expect(analysis.at_expiry.probability_of_profit).toBeCloseTo(above(21_070) - above(22_030), 14);
    // The ±1σ move to the near expiry at its ATM IV: spot × 14% × √T.
    expect(analysis.at_expiry.one_sigma_move).toBeCloseTo(21_537 * 0.14 * Math.sqrt(NEAR_YEARS_ACT365), 9);
    expect(analysis.curve.prices).toEqual(gridPrices({ from: 20_500, to: 22_600, points: 211 }));
    expect(analysis.curve.pnl_at_expiry[0]).toBeCloseTo(-70 * LOT, 9);
    expect(analysis.curve.pnl_at_expiry[60]).toBeCloseTo(30 * LOT, 9); // 21,100
    // Today the condor is worth its model value: between the two bounds, and its curve is smooth.
    expect(analysis.scenario.pnl_at_spot).toBeGreaterThan(-70 * LOT);
    expect(analysis.scenario.pnl_at_spot).toBeLessThan(30 * LOT);
    expect(analysis.scenario.greeks.theta).toBeGreaterThan(0);
    expect(analysis.scenario.greeks.vega).toBeLessThan(0);
    expect(analysis.scenario.breakevens).toHaveLength(2);
  });

  it('a what-if moves only the scenario and its curve', () => {
    const base = analyzeCondor();
    const whatIf = analyzeCondor({ scenario: { days_forward: 5, iv_shift_pct: 2 } });
    expect(whatIf.at_expiry).toEqual(base.at_expiry);
    expect(whatIf.curve.pnl_at_expiry).toEqual(base.curve.pnl_at_expiry);
    expect(whatIf.curve.pnl).not.toEqual(base.curve.pnl);
    expect(whatIf.scenario.valuation_time).toBe('2026-11-29T05:00:00.000Z');
    const model = testModel(IRON_CONDOR);
    const shifted = valueStrategyAt(model, Date.parse('2026-11-29T05:00:00.000Z'), 2);
    expect(whatIf.scenario.pnl_at_spot).toBe(pnlAt(shifted, 21_537));
    // The default grid: 501 prices over every strike and spot ± 4σ√T.
    expect(base.curve.prices).toHaveLength(501);
  });

  it('leaves probability and expectation null without an ATM IV for the nearest expiry', () => {
    const analysis = analyzeCondor({ market: testMarket(21_537, { [FAR]: 0.15 }) });
    expect(analysis.at_expiry.probability_of_profit).toBeNull();
    expect(analysis.at_expiry.expected_pnl).toBeNull();
    expect(analysis.at_expiry.one_sigma_move).toBeNull();
  });

  it('names the field of a bad request', () => {
    const parsed = StrategyAnalysisInputSchema.safeParse({
      strategy: strategyOf(
        ...IRON_CONDOR.legs.slice(0, 2),
        option({ side: 'SELL', option_type: 'CALL', strike: 0, entry_price: 30 }),
      ),
      market: testMarket(),
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['strategy.legs.2.strike']);
    expect(fieldOf(() => analyzeCondor({ scenario: { days_forward: 8 } }))).toBe('scenario.days_forward');
  });
});

describe('pnlCurves', () => {
  it('fills the arrays it is given, so a redraw allocates nothing per point', () => {
    const model = testModel(IRON_CONDOR);
    const prices = gridPrices({ from: 20_000, to: 23_000, points: 1000 });
    const into = { pnl_at_expiry: new Array<number>(1000), pnl: new Array<number>(1000) };
    const curves = pnlCurves(model, prices, { days_forward: 2, iv_shift_pct: 0 }, into);
    expect(curves.pnl).toBe(into.pnl);
    const atExpiry = valueStrategyAt(model, model.nearestExpiryMs);
    prices.forEach((price, j) => expect(curves.pnl_at_expiry[j]).toBe(pnlAt(atExpiry, price)));
  });
});
