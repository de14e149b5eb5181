import { describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { listExpiries } from '@deltastream/core/calendar';
import {
  OptionChainSchema,
  type OptionChain,
  type OptionQuote,
  type Product,
} from '@deltastream/core/schemas';
import { stepTimes, type FeedRates } from './sequence';
import { createMarketSimulator, type SimulatorOutput, type StoredMarket } from './simulator';
import { tickSizeFor } from './tick-size';

const catalogue = loadCatalogueFile();
const product = (symbol: string): Product => {
  const found = catalogue.find((p) => p.symbol === symbol);
  if (!found) throw new Error(`no ${symbol} in the catalogue`);
  return found;
};
const rates: FeedRates = { ticksPerSecond: 2, chainIntervalMs: 1000 };
/** Tuesday 09:30 IST, a NIFTY weekly expiry day = Monday 23:00 New York. */
const start = Date.parse('2026-12-01T04:00:00.000Z');

function run(
  products: Product[],
  seed: number,
  times: Iterable<number>,
  runRates = rates,
): SimulatorOutput[] {
  const simulator = createMarketSimulator({ products, seed, rates: runRates });
  return [...times].map((nowMs) => simulator.advance(nowMs));
}

function everyMs(from: number, stepMs: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i * stepMs);
}

const contractKey = (chain: OptionChain, q: OptionQuote) => `${chain.expiry} ${q.option_type} ${q.strike}`;

describe('determinism', () => {
  it('gives identical ticks and chains for the same seed and clock, different ones for another seed', () => {
    const products = [product('NIFTY'), product('AAPL')];
    const times = [...stepTimes(start, 5000, rates)];
    const first = run(products, 7, times);
    expect(run(products, 7, times)).toEqual(first);
    const other = run(products, 8, times);
    expect(other).not.toEqual(first);
    expect(other.at(-1)?.ticks.map((t) => t.price)).not.toEqual(first.at(-1)?.ticks.map((t) => t.price));
  });

  it('keeps a product’s path whatever else is simulated', () => {
    const times = [...stepTimes(start, 5000, rates)];
    const alone = run([product('AAPL')], 7, times).flatMap((o) => o.ticks);
    const withOthers = run([product('NIFTY'), product('AAPL')], 7, times, { ...rates, chainIntervalMs: 250 })
      .flatMap((o) => o.ticks)
      .filter((t) => t.product === 'AAPL');
    expect(withOthers).toEqual(alone);
  });
});

describe('underlying', () => {
  it('ticks on the product’s price grid with clock-derived ids, once per tick interval', () => {
    const outputs = run([product('NIFTY'), product('AAPL')], 3, [
      start,
      start + 100,
      start + 500,
      start + 1250,
    ]);
    expect(outputs.map((o) => o.ticks.length)).toEqual([2, 0, 2, 2]);
    const ticks = outputs.flatMap((o) => o.ticks);
    expect(ticks.map((t) => t.tick_id)).toEqual([0, 0, 1, 1, 2, 2].map((i) => start / 500 + i));
    expect(ticks[0]).toEqual({
      type: 'UNDERLYING',
      product: 'NIFTY',
      price: 21_500,
      timestamp: '2026-12-01T04:00:00.000Z',
      tick_id: start / 500,
    });
    for (const tick of ticks) {
      const steps = tick.price / tickSizeFor(product(tick.product));
      expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
    }
  });

  it('follows GBM with the catalogue volatility: log-return moments over hourly steps', () => {
    const nifty = product('NIFTY');
    const hour = 3_600_000;
    const n = 5000;
    // One chain only (a ten-year chain interval): this test is about the path.
    const outputs = run([nifty], 99, everyMs(start, hour, n + 1), {
      ticksPerSecond: 2,
      chainIntervalMs: 10 * 365 * 86_400_000,
    });
    const prices = outputs.map((o) => o.ticks[0]?.price ?? NaN);
    const logReturns = prices.slice(1).map((p, i) => Math.log(p / (prices[i] ?? NaN)));
    const mean = logReturns.reduce((s, r) => s + r, 0) / n;
    const variance = logReturns.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1);
    const dt = 1 / (365 * 24);
    const { rate, dividend_yield } = nifty.conventions;
    const sigma = nifty.volatility;
    expect(Math.abs(mean - (rate - dividend_yield - sigma ** 2 / 2) * dt)).toBeLessThan(
      4 * sigma * Math.sqrt(dt / n),
    );
    expect(Math.abs(variance - sigma ** 2 * dt)).toBeLessThan(4 * sigma ** 2 * dt * Math.sqrt(2 / n));
  });
});

describe('chains', () => {
  const products = catalogue;
  const times = [...stepTimes(start, 4000, rates)];
  const chains = run(products, 5, times).flatMap((o) => o.chains);

  it('are valid wire messages for every product, one per live expiry per chain interval', () => {
    for (const chain of chains) expect(OptionChainSchema.safeParse(chain).error).toBeUndefined();
    for (const p of products) {
      const expiries = listExpiries(p, start);
      const ofProduct = chains.filter((c) => c.product === p.symbol);
      expect(ofProduct).toHaveLength(4 * expiries.length);
      expect(ofProduct.slice(0, expiries.length).map((c) => c.expiry)).toEqual(expiries);
      expect(new Set(ofProduct.map((c) => c.seq))).toEqual(
        new Set([0, 1, 2, 3].map((i) => start / 1000 + i)),
      );
    }
    // Four weeklies and two monthlies, the December monthly being the last weekly of the list; the
    // January monthly, Tuesday 26 January 2027 (Republic Day), moves to Monday 25 January.
    expect(listExpiries(product('NIFTY'), start)).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
      '2027-01-25',
    ]);
  });

  it('link each chain to the one sent before it for the same expiry', () => {
    const nifty = chains.filter((c) => c.product === 'NIFTY' && c.expiry === '2026-12-08');
    const firstSeq = start / 1000;
    expect(nifty.map((c) => c.prev_seq)).toEqual([undefined, firstSeq, firstSeq + 1, firstSeq + 2]);
    expect(nifty[0]).not.toHaveProperty('prev_seq');
  });

  it('quote strikes at the product’s step around the spot', () => {
    for (const chain of chains) {
      const p = product(chain.product);
      const atm = Math.round(chain.spot_price / p.strike_step) * p.strike_step;
      expect(chain.strikes).toHaveLength(2 * p.strikes_each_side + 1);
      expect(chain.strikes[p.strikes_each_side]).toBeCloseTo(atm, 9);
      expect(chain.calls.map((q) => q.strike)).toEqual(chain.strikes);
      expect(chain.puts.map((q) => q.strike)).toEqual(chain.strikes);
    }
  });

  it('trade near the money and keep open interest peaked near the money', () => {
    const last = chains
      .filter((c) => c.product === 'NIFTY' && c.expiry === '2026-12-08')
      .at(-1) as OptionChain;
    const atmIndex = product('NIFTY').strikes_each_side;
    const volume = (i: number) => (last.calls[i]?.volume ?? 0) + (last.puts[i]?.volume ?? 0);
    const oi = (i: number) => (last.calls[i]?.open_interest ?? 0) + (last.puts[i]?.open_interest ?? 0);
    expect(volume(atmIndex)).toBeGreaterThan(volume(0) + volume(last.strikes.length - 1));
    expect(oi(atmIndex)).toBeGreaterThan(Math.max(oi(0), oi(last.strikes.length - 1)));
    // Puts dominate below the spot, calls above.
    const below = last.strikes.slice(0, atmIndex - 4).map((_, i) => i);
    const above = last.strikes.slice(atmIndex + 5).map((_, i) => atmIndex + 5 + i);
    const sum = (indices: number[], side: OptionQuote[]) =>
      indices.reduce((s, i) => s + (side[i]?.open_interest ?? 0), 0);
    expect(sum(below, last.puts)).toBeGreaterThan(sum(below, last.calls));
    expect(sum(above, last.calls)).toBeGreaterThan(sum(above, last.puts));
  });
});

describe('volume and open interest over a session', () => {
  it('keep open interest per contract across recentering: it moves only by contracts traded', () => {
    // A fine strike step so a day's moves recentre the ladder many times.
    const index = { ...product('NIFTY'), symbol: 'FINESTEP', strike_step: 10, strikes_each_side: 5 };
    const minute = 60_000;
    // 09:15 to 14:15 IST: one session date, before the 15:30 expiry.
    const outputs = run([index], 21, everyMs(Date.parse('2026-11-24T03:45:00Z'), minute, 300));
    const seen = new Map<string, { oi: number; volume: number; step: number }>();
    let reappeared = 0;
    const ladders = new Set<string>();
    outputs.forEach(({ chains }, step) => {
      for (const chain of chains) {
        ladders.add(chain.strikes.join());
        for (const q of [...chain.calls, ...chain.puts]) {
          const key = contractKey(chain, q);
          const before = seen.get(key);
          if (before) {
            expect(Math.abs(q.open_interest - before.oi)).toBeLessThanOrEqual(q.volume - before.volume);
            if (step - before.step > 1) reappeared += 1;
          }
          seen.set(key, { oi: q.open_interest, volume: q.volume, step });
        }
      }
    });
    expect(ladders.size).toBeGreaterThan(5);
    expect(reappeared).toBeGreaterThan(0);
  });

  it('accumulate volume through the local day and reset it when the exchange date changes', () => {
    const minute = 60_000;
    // 23:50 to 00:09 IST across midnight (18:30 UTC).
    const times = everyMs(Date.parse('2026-11-24T18:20:00Z'), minute, 20);
    const outputs = run([product('NIFTY')], 4, times);
    const total = (chains: OptionChain[]) =>
      chains.reduce((s, c) => s + [...c.calls, ...c.puts].reduce((t, q) => t + q.volume, 0), 0);
    const totals = outputs.map((o) => total(o.chains));
    const midnight = times.findIndex((ms) => ms >= Date.parse('2026-11-24T18:30:00Z'));
    for (let i = 1; i < totals.length; i += 1) {
      if (i === midnight) expect(totals[i]).toBeLessThan((totals[i - 1] ?? 0) / 5);
      else expect(totals[i]).toBeGreaterThan(totals[i - 1] ?? 0);
    }
  });

  it('produce every build-up class: long and short build-up, short covering, long unwinding', () => {
    const chains = run([product('NIFTY')], 13, stepTimes(start, 120_000, rates)).flatMap((o) => o.chains);
    const previous = new Map<string, OptionQuote>();
    const classes = new Map<string, number>();
    for (const chain of chains) {
      for (const q of [...chain.calls, ...chain.puts]) {
        const key = contractKey(chain, q);
        const before = previous.get(key);
        previous.set(key, q);
        if (!before) continue;
        const priceChange = q.last - before.last;
        const oiChange = q.open_interest - before.open_interest;
        if (priceChange === 0 || oiChange === 0) continue;
        // NSE convention: the sign of the price change against the sign of the open-interest change.
        const buildup =
          oiChange > 0
            ? priceChange > 0
              ? 'LONG_BUILDUP'
              : 'SHORT_BUILDUP'
            : priceChange > 0
              ? 'SHORT_COVERING'
              : 'LONG_UNWINDING';
        classes.set(buildup, (classes.get(buildup) ?? 0) + 1);
      }
    }
    for (const buildup of ['LONG_BUILDUP', 'SHORT_BUILDUP', 'SHORT_COVERING', 'LONG_UNWINDING']) {
      expect(classes.get(buildup) ?? 0).toBeGreaterThan(20);
    }
    // Flows lean with the move: long build-up outnumbers short build-up.
    expect(classes.get('LONG_BUILDUP') ?? 0).toBeGreaterThan(classes.get('SHORT_BUILDUP') ?? 0);
  });
});

describe('continuing a stored market', () => {
  const nifty = product('NIFTY');
  const aapl = product('AAPL');
  /** The last tick of each product and the last chain of each expiry in `outputs`: what the worker stored. */
  function storedFrom(outputs: SimulatorOutput[]): StoredMarket {
    const ticks = new Map(outputs.flatMap((o) => o.ticks).map((t) => [t.product, t]));
    const chains = new Map(outputs.flatMap((o) => o.chains).map((c) => [`${c.product} ${c.expiry}`, c]));
    return { underlying: [...ticks.values()], chains: [...chains.values()] };
  }
  const contracts = (chains: OptionChain[]) =>
    new Map(chains.flatMap((c) => [...c.calls, ...c.puts].map((q) => [contractKey(c, q), q])));

  it('starts from the stored price and carries each contract’s open interest, last price and session volume', () => {
    const before = run([nifty], 3, stepTimes(start, 60_000, rates));
    const stored = storedFrom(before);
    const storedContracts = contracts(stored.chains as OptionChain[]);
    const restartMs = start + 120_000;
    const simulator = createMarketSimulator({ products: [nifty], seed: 3, rates, continueFrom: stored });
    const [first] = [simulator.advance(restartMs)];
    expect(first?.ticks[0]?.price).toBe(stored.underlying[0]?.price);
    let carried = 0;
    for (const [key, quote] of contracts(first?.chains ?? [])) {
      const was = storedContracts.get(key);
      if (!was) continue;
      carried += 1;
      // One snapshot's trades at most: volume only grows, open interest moves by no more than was traded.
      expect(quote.volume).toBeGreaterThanOrEqual(was.volume);
      expect(Math.abs(quote.open_interest - was.open_interest)).toBeLessThanOrEqual(
        quote.volume - was.volume,
      );
    }
    expect(carried).toBe(storedContracts.size);
    // A fresh simulator with the same seed starts from the catalogue instead.
    const fresh = run([nifty], 3, [restartMs])[0];
    expect(fresh?.ticks[0]?.price).toBe(nifty.base_price);
  });

  it('starts the session’s volume afresh on a new exchange date, and what was not stored from the catalogue', () => {
    const before = run([nifty], 3, stepTimes(start, 10_000, rates));
    const stored = storedFrom(before);
    const nextDayMs = start + 86_400_000;
    const simulator = createMarketSimulator({
      products: [nifty, aapl],
      seed: 3,
      rates,
      continueFrom: stored,
    });
    const { ticks, chains } = simulator.advance(nextDayMs);
    expect(ticks.find((t) => t.product === 'AAPL')?.price).toBe(aapl.base_price);
    const storedContracts = contracts(stored.chains as OptionChain[]);
    const niftyChains = chains.filter((c) => c.product === 'NIFTY');
    let carried = 0;
    for (const [key, quote] of contracts(niftyChains)) {
      const was = storedContracts.get(key);
      if (!was) continue;
      carried += 1;
      expect(Math.abs(quote.open_interest - was.open_interest)).toBeLessThanOrEqual(quote.volume);
    }
    expect(carried).toBeGreaterThan(0);
    // Today's volume is one snapshot's trades, not yesterday's total.
    const volume = (list: OptionChain[]) =>
      list.reduce((s, c) => s + [...c.calls, ...c.puts].reduce((t, q) => t + q.volume, 0), 0);
    expect(volume(niftyChains)).toBeLessThan(volume(stored.chains as OptionChain[]) / 5);
  });
});
