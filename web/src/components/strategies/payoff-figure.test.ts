import { describe, expect, it } from 'vitest';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { analyzeStrategy, strategyMarketFromChains, type Strategy } from '@deltastream/core/strategy';
import { flatVolChain } from '@deltastream/core/testing';
import { makeProduct } from '@deltastream/db/testing';
import { payoffFigure, scenarioLabel } from './payoff-figure';
import { pickedLeg } from './strategy-draft';
import { valueStrategy } from './strategy-valuation';

const product = makeProduct('PAYOFF', { holidays: [], time_zone: 'Asia/Kolkata' });
const AS_OF = '2030-01-02T05:00:00.000Z';
const near: EnrichedChain = enrichChain(
  flatVolChain(product, {
    expiry: '2030-01-10',
    timestamp: AS_OF,
    seq: 1,
    spot: 24_010,
    volatility: 0.2,
    strikes: [23_800, 23_900, 24_000, 24_100, 24_200],
  }),
  product,
  NO_CHANGE_BASES,
  AS_OF,
);
/** A short strangle: two breakevens, unlimited loss. */
const strangle: Strategy = {
  product: 'PAYOFF',
  legs: [pickedLeg(near.puts[1]!, 'SELL', near), pickedLeg(near.calls[3]!, 'SELL', near)],
};
const today = { days_forward: 0, iv_shift_pct: 0 };

describe('valueStrategy', () => {
  it('is core’s analysis in the market of the legs’ chains, on the grid it is given', () => {
    const valuation = valueStrategy(strangle, product, [near], today);
    if (!valuation.ok) throw new Error(valuation.message);
    const market = strategyMarketFromChains([near]);
    expect(valuation.market).toEqual(market);
    expect(valuation.analysis).toEqual(
      analyzeStrategy({ strategy: strangle, market, grid: valuation.grid, scenario: today }, product),
    );
    const held = valueStrategy(strangle, product, [near], today, { from: 23_000, to: 25_000, points: 3 });
    expect(held.ok && held.analysis.curve.prices).toEqual([23_000, 24_000, 25_000]);
  });

  it('brings a what-if past the nearest expiry back to it, and tells what core refuses', () => {
    const far = valueStrategy(strangle, product, [near], { days_forward: 400, iv_shift_pct: 0 });
    expect(far.ok && far.analysis.scenario.days_forward).toBeCloseTo(
      far.ok ? far.analysis.days_to_nearest_expiry : 0,
      12,
    );
    const expired = valueStrategy(
      { ...strangle, legs: [{ ...strangle.legs[0]!, expiry: '2029-12-27' } as Strategy['legs'][number]] },
      product,
      [near],
      today,
    );
    expect(expired).toEqual({
      ok: false,
      message: expect.stringMatching(/^legs\.0\.expiry: 2029-12-27 has expired/),
    });
  });
});

describe('payoffFigure', () => {
  const valuation = valueStrategy(strangle, product, [near], today);
  if (!valuation.ok) throw new Error(valuation.message);
  const { analysis } = valuation;
  const figure = payoffFigure(analysis, { timeZone: 'Asia/Kolkata', currency: 'INR', revision: 'r' });

  it('draws both curves over the grid, labelled with the expiry and the exchange time of now', () => {
    expect(figure.data).toHaveLength(2);
    expect(figure.data.map((trace) => (trace as { name: string }).name)).toEqual([
      'At expiry · Jan 10, 2030',
      'Now · 10:30:00 IST',
    ]);
    expect((figure.data[0] as { y: number[] }).y).toBe(analysis.curve.pnl_at_expiry);
    expect((figure.data[1] as { y: number[] }).y).toBe(analysis.curve.pnl);
    expect(
      scenarioLabel(
        { ...analysis, scenario: { ...analysis.scenario, days_forward: 3, iv_shift_pct: -2 } },
        'Asia/Kolkata',
      ),
    ).toBe('T+3d · IV -2.0 pt');
  });

  it('shades spot ± the one-sigma move and marks spot and both breakevens', () => {
    const move = analysis.at_expiry.one_sigma_move!;
    expect(move).toBeCloseTo(24_010 * 0.2 * Math.sqrt(analysis.days_to_nearest_expiry / 365), 6);
    const [band, spot, ...breakevens] = figure.layout.shapes!;
    expect(band).toMatchObject({ type: 'rect', x0: 24_010 - move, x1: 24_010 + move, yref: 'paper' });
    expect(spot).toMatchObject({ x0: 24_010, x1: 24_010 });
    expect(breakevens.map((shape) => shape.x0)).toEqual(analysis.at_expiry.breakevens);
    expect(analysis.at_expiry.breakevens).toHaveLength(2);
    expect(figure.layout.uirevision).toBe('r');
  });
});
