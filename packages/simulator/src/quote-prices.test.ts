import { describe, expect, it } from 'vitest';
import { blackScholesMertonInto, createGreeksOut } from '@deltastream/core/pricing';
import type { OptionType } from '@deltastream/core/schemas';
import { lastTradePrice, quoteLadder, type QuotedPrices } from './quote-prices';
import { createRandom } from './random';
import { priceGrid, type PriceGrid } from './tick-size';

const rupee = priceGrid(0.05);
const cent = priceGrid(0.01);
const mid = (q: QuotedPrices) => (q.bid + q.ask) / 2;

function ladder(optionType: OptionType, modelPrices: number[], grid = rupee, moneynessSd?: number[]) {
  return quoteLadder({ optionType, modelPrices, moneynessSd: moneynessSd ?? modelPrices.map(() => 0), grid });
}

/** Broken quote-level properties of a ladder (none expected, whatever the model prices). */
function ladderProblems(
  optionType: OptionType,
  modelPrices: readonly number[],
  quotes: readonly QuotedPrices[],
  grid: PriceGrid,
): string[] {
  const problems: string[] = [];
  const offGrid = (price: number) =>
    Math.abs(price / grid.increment - Math.round(price / grid.increment)) > 1e-9;
  quotes.forEach((q, i) => {
    const model = modelPrices[i] as number;
    if (q.bid < 0 || q.bid > model || q.ask < model)
      problems.push(`${i}: ${q.bid}/${q.ask} does not bracket ${model}`);
    if (q.ask - q.bid < grid.increment - 1e-9)
      problems.push(`${i}: ${q.bid}/${q.ask} is not a two-sided quote`);
    if (offGrid(q.bid) || offGrid(q.ask)) problems.push(`${i}: ${q.bid}/${q.ask} is off the tick grid`);
  });
  // Mids fall (calls) or rise (puts) with the strike and are convex in it.
  const mids = quotes.map(mid);
  const falling = optionType === 'CALL' ? mids : [...mids].reverse();
  for (let i = 1; i < falling.length; i += 1) {
    const [before, here, after] = [falling[i - 1] as number, falling[i] as number, falling[i + 1]];
    if (here > before + 1e-9) problems.push(`mid ${i} rises`);
    if (after !== undefined && before + after - 2 * here < -1e-9) problems.push(`mid ${i} is not convex`);
  }
  return problems;
}

describe('quoteLadder', () => {
  it('centres a spread of a few ticks on the model price', () => {
    // 2 + 0.002·2000 ticks = 6 ticks: 99.85 / 100.15.
    expect(ladder('CALL', [100])).toEqual([{ bid: 99.85, ask: 100.15 }]);
  });

  it('quotes a worthless option 0 bid and a one-tick ask', () => {
    expect(ladder('CALL', [0.004], rupee, [6])).toEqual([{ bid: 0, ask: 0.05 }]);
    expect(ladder('PUT', [0, 0.001], cent)).toEqual([
      { bid: 0, ask: 0.01 },
      { bid: 0, ask: 0.01 },
    ]);
  });

  it('widens in the far wings and never quotes a negative bid', () => {
    const [near] = ladder('CALL', [2], rupee, [0.2]);
    const [far] = ladder('CALL', [2], rupee, [4]);
    expect((far?.ask ?? 0) - (far?.bid ?? 0)).toBeGreaterThan((near?.ask ?? 0) - (near?.bid ?? 0));
    const [cheap] = ladder('CALL', [0.06], rupee, [4]);
    expect(cheap?.bid).toBe(0);
    expect(cheap?.ask).toBeGreaterThanOrEqual(0.06);
  });

  it('keeps mids convex where rounding each strike alone would not', () => {
    // Puts of an expiring weekly near zero: each rounded alone to the nearest tick, the first three would
    // read 0.05, 0.15, 0.20 — a butterfly at mid worth −0.05.
    const puts = [0.0725, 0.1275, 0.185, 0.32, 1.4];
    const quotes = ladder('PUT', puts, rupee, [-3, -2.5, -2, -1.5, -1]);
    expect(ladderProblems('PUT', puts, quotes, rupee)).toEqual([]);
    expect(quotes.map(mid)).toEqual([0.075, 0.125, 0.175, 0.325, 1.4]);
    // Deep in the money a call falls by D·ΔK, 49.73 of 50, at every strike: no convex tick sequence
    // follows that line exactly, the mids step by 49.75 then 49.70 and stay within two ticks of it.
    const calls = [0, 1, 2, 3, 4, 5, 6].map((i) => 1000 - 49.73 * i + 0.001 * i * i);
    const deep = ladder('CALL', calls);
    expect(ladderProblems('CALL', calls, deep, rupee)).toEqual([]);
    deep.forEach((q, i) => expect(Math.abs(mid(q) - (calls[i] as number))).toBeLessThanOrEqual(0.1));
  });

  it('brackets the model price and keeps mids convex for Black-Scholes ladders (random markets)', () => {
    const random = createRandom(5);
    const out = createGreeksOut();
    for (let trial = 0; trial < 400; trial += 1) {
      const grid = random.uniform() < 0.5 ? rupee : cent;
      const spot = 20 + random.uniform() * 2000;
      const step = spot * (0.001 + random.uniform() * 0.02);
      const timeYears = 1e-4 + random.uniform() ** 2 * 0.5;
      const volatility = 0.05 + random.uniform() * 0.6;
      const strikes = Array.from({ length: 41 }, (_, i) => Math.round(spot / step + i - 20) * step).filter(
        (k) => k > 0,
      );
      for (const optionType of ['CALL', 'PUT'] as const) {
        const modelPrices = strikes.map(
          (k) => blackScholesMertonInto(out, optionType, spot, k, timeYears, 0.05, 0.01, volatility).price,
        );
        const moneynessSd = strikes.map((k) => Math.log(k / spot) / (volatility * Math.sqrt(timeYears)));
        const quotes = quoteLadder({ optionType, modelPrices, moneynessSd, grid });
        const problems = ladderProblems(optionType, modelPrices, quotes, grid);
        expect(problems, `${optionType} S=${spot} step=${step} T=${timeYears} σ=${volatility}`).toEqual([]);
      }
    }
  });

  it('keeps the bracket where no convex half-tick sequence stays above half the model price', () => {
    // Prices falling a tenth of a tick per strike for thirty strikes, in ticks 3.0, 2.9, …, 0.1.
    const calls = Array.from({ length: 30 }, (_, i) => (3 - 0.1 * i) * 0.05);
    const quotes = ladder('CALL', calls);
    quotes.forEach((q, i) => {
      expect(q.bid).toBeLessThanOrEqual(calls[i] as number);
      expect(q.ask).toBeGreaterThanOrEqual((calls[i] as number) - 1e-12);
    });
    // At 2.4 ticks the convex mids have already reached half a tick: the ask is the model rounded up.
    expect(quotes[6]).toEqual({ bid: 0, ask: 0.15 });
  });
});

describe('lastTradePrice', () => {
  const quote = {
    bid: 99.85,
    ask: 100.15,
    modelPrice: 100,
    grid: rupee,
    traded: false,
    tradeDraw: 0,
    previousLast: undefined,
  };

  it('prints a trade between bid and ask, at least one tick', () => {
    for (const tradeDraw of [0, 0.3, 0.999]) {
      const last = lastTradePrice({ ...quote, traded: true, tradeDraw });
      expect(last).toBeGreaterThanOrEqual(quote.bid);
      expect(last).toBeLessThanOrEqual(quote.ask);
    }
    expect(lastTradePrice({ ...quote, traded: true, tradeDraw: 0 })).toBe(99.85);
    expect(lastTradePrice({ ...quote, traded: true, tradeDraw: 0.999 })).toBe(100.15);
    expect(lastTradePrice({ ...quote, bid: 0, ask: 0.05, modelPrice: 0.001, traded: true })).toBe(0.05);
  });

  it('keeps the previous last without a trade, moved inside the quote; the model price before any trade', () => {
    expect(lastTradePrice(quote)).toBe(100);
    expect(lastTradePrice({ ...quote, previousLast: 99.9 })).toBe(99.9);
    expect(lastTradePrice({ ...quote, previousLast: 120 })).toBe(100.15);
  });
});
