import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from './input-checks';
import { maxPain, maxPainStrike, type MaxPain, type StrikeOpenInterest } from './max-pain';

/** The definition evaluated literally at every candidate: O(n²), the reference for the fast version. */
function bruteForceMaxPain(
  calls: readonly StrikeOpenInterest[],
  puts: readonly StrikeOpenInterest[],
): MaxPain {
  const strikes = [...new Set([...calls, ...puts].map((q) => q.strike))].sort((a, b) => a - b);
  const callPayout = strikes.map((x) =>
    calls.reduce((sum, q) => sum + q.open_interest * Math.max(x - q.strike, 0), 0),
  );
  const putPayout = strikes.map((x) =>
    puts.reduce((sum, q) => sum + q.open_interest * Math.max(q.strike - x, 0), 0),
  );
  const totalPayout = strikes.map((_, k) => callPayout[k]! + putPayout[k]!);
  return {
    max_pain_strike: strikes[totalPayout.indexOf(Math.min(...totalPayout))]!,
    payout_curve: { strikes, call_payout: callPayout, put_payout: putPayout, total_payout: totalPayout },
  };
}

/** mulberry32: a seeded 32-bit generator, so every run draws the same chains. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('maxPain', () => {
  it('matches the original DeltaStream reference: 110', () => {
    const calls = [
      { strike: 100, open_interest: 1000 },
      { strike: 110, open_interest: 2000 },
      { strike: 120, open_interest: 500 },
    ];
    const puts = [
      { strike: 100, open_interest: 500 },
      { strike: 110, open_interest: 1500 },
      { strike: 120, open_interest: 2500 },
    ];
    expect(maxPain(calls, puts)).toEqual({
      max_pain_strike: 110,
      payout_curve: {
        strikes: [100, 110, 120],
        call_payout: [0, 10000, 40000],
        put_payout: [65000, 25000, 0],
        total_payout: [65000, 35000, 40000],
      },
    });
  });

  it('matches the original DeltaStream PCR reference chain: 21500', () => {
    const calls = [
      { strike: 21400, open_interest: 10000 },
      { strike: 21500, open_interest: 15000 },
      { strike: 21600, open_interest: 12000 },
    ];
    const puts = [
      { strike: 21400, open_interest: 12000 },
      { strike: 21500, open_interest: 18000 },
      { strike: 21600, open_interest: 11000 },
    ];
    expect(maxPainStrike(calls, puts)).toBe(21500);
    expect(maxPain(calls, puts).payout_curve.total_payout).toEqual([4_000_000, 2_100_000, 3_500_000]);
  });

  it('gives a tie to the lowest strike', () => {
    // payout(100) = 1·(120 − 100) from the put, payout(120) = 1·(120 − 100) from the call.
    const calls = [{ strike: 100, open_interest: 1 }];
    const puts = [{ strike: 120, open_interest: 1 }];
    expect(maxPain(calls, puts).payout_curve.total_payout).toEqual([20, 20]);
    expect(maxPainStrike(calls, puts)).toBe(100);
    const flat = [
      { strike: 110, open_interest: 0 },
      { strike: 100, open_interest: 0 },
    ];
    expect(maxPainStrike(flat, flat)).toBe(100);
  });

  it('works on unsorted input and adds quotes that share a strike', () => {
    const calls = [
      { strike: 120, open_interest: 500 },
      { strike: 100, open_interest: 400 },
      { strike: 110, open_interest: 2000 },
      { strike: 100, open_interest: 600 },
    ];
    const puts = [
      { strike: 120, open_interest: 2500 },
      { strike: 100, open_interest: 500 },
      { strike: 110, open_interest: 1500 },
    ];
    expect(maxPainStrike(calls, puts)).toBe(110);
  });

  it('equals the O(n²) definition on a seeded grid of random chains, curve included', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const random = seededRandom(seed);
      const strikeCount = 1 + Math.floor(random() * 40);
      const step = [0.5, 1, 25, 50, 100][seed % 5]!;
      const base = 1000 + Math.floor(random() * 20000);
      // Small OI values make equal payouts (ties) common; some quotes have no OI, some strikes one side;
      // calls arrive reversed and puts shuffled.
      const quote = (i: number) => ({
        strike: base + i * step,
        open_interest: Math.floor(random() * (seed % 2 ? 4 : 50000)),
      });
      const calls: StrikeOpenInterest[] = [];
      const puts: StrikeOpenInterest[] = [];
      for (let i = 0; i < strikeCount; i += 1) {
        if (random() < 0.9) calls.push(quote(i));
        if (random() < 0.9) puts.push(quote(i));
      }
      if (calls.length + puts.length === 0) continue;
      calls.reverse();
      for (let i = puts.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [puts[i], puts[j]] = [puts[j]!, puts[i]!];
      }
      expect(maxPain(calls, puts), `seed ${seed}`).toEqual(bruteForceMaxPain(calls, puts));
    }
  });

  it('rejects an empty chain and nonsense open interest or strikes', () => {
    expect(() => maxPain([], [])).toThrow(AnalyticsInputError);
    expect(() => maxPain([{ strike: 100, open_interest: -5 }], [])).toThrow('calls[0].open_interest');
    expect(() => maxPain([], [{ strike: Number.POSITIVE_INFINITY, open_interest: 5 }])).toThrow(
      'puts[0].strike',
    );
  });
});
