import { describe, expect, it } from 'vitest';
import { EnrichedChainSchema, type Product } from '../schemas';
import { flatVolChain } from '../testing/flat-vol-chain';
import { enrichChain } from './enrich-chain';

/** NIFTY as config/products.json lists it (core reads no files). */
const nifty: Product = {
  symbol: 'NIFTY',
  name: 'NIFTY 50',
  exchange: 'NSE',
  currency: 'INR',
  time_zone: 'Asia/Kolkata',
  base_price: 21_500,
  strike_step: 50,
  strikes_each_side: 20,
  lot_size: 75,
  volatility: 0.13,
  conventions: { model: 'black-scholes-merton', rate: 0.065, dividend_yield: 0.012, day_count: 'ACT/365' },
  expiry_rule: { weekday: 'TUE', weekly: 4, monthly: 2, monthly_occurrence: 'last', expiry_time: '15:30' },
  holidays: [],
};
const strikes = Array.from({ length: 21 }, (_, i) => 21_000 + 50 * i);
const base = {
  expiry: '2026-12-29',
  timestamp: '2026-11-24T05:00:00.000Z',
  spot: 21_537,
  volatility: 0.16,
  strikes,
};

describe('enrichChain', () => {
  it('solves IV from the quoted mids (not copied) and produces a valid enriched chain', () => {
    const enriched = enrichChain(
      flatVolChain(nifty, { ...base, seq: 1 }),
      nifty,
      null,
      '2026-11-24T05:00:00.010Z',
    );
    expect(EnrichedChainSchema.parse(enriched)).toBeTruthy();
    for (const quote of [...enriched.calls, ...enriched.puts]) {
      expect(quote.iv).not.toBeNull();
      expect(Math.abs((quote.iv as number) - 0.16)).toBeLessThan(1e-9);
    }
    expect(enriched.atm_strike).toBe(21_550);
    expect(enriched.atm_iv).toBeCloseTo(0.16, 9);
    expect(enriched.time_to_expiry_years).toBeCloseTo(
      (35 * 86_400_000 + 5 * 3_600_000) / (365 * 86_400_000),
      12,
    );
  });

  it('reports Greeks per 1% vol and per day, with put-call delta parity', () => {
    const enriched = enrichChain(flatVolChain(nifty, { ...base, seq: 1 }), nifty, null, base.timestamp);
    const call = enriched.calls[10]!;
    const put = enriched.puts[10]!;
    const q = nifty.conventions.dividend_yield;
    expect((call.delta as number) - (put.delta as number)).toBeCloseTo(
      Math.exp(-q * enriched.time_to_expiry_years),
      12,
    );
    expect(call.vega).toBeGreaterThan(20);
    expect(call.vega).toBeLessThan(30);
    expect(call.theta).toBeLessThan(0);
    expect(call.theta).toBeGreaterThan(-20);
  });

  it('measures OI and price change against the previous snapshot and classifies the build-up', () => {
    const previous = {
      seq: 1,
      quotes: [
        { option_type: 'CALL' as const, strike: 21_500, open_interest: 800, last: 1 },
        { option_type: 'PUT' as const, strike: 21_500, open_interest: 1200, last: 10_000 },
      ],
    };
    const enriched = enrichChain(flatVolChain(nifty, { ...base, seq: 2 }), nifty, previous, base.timestamp);
    const call = enriched.calls.find((c) => c.strike === 21_500)!;
    const put = enriched.puts.find((p) => p.strike === 21_500)!;
    expect(call.oi_change).toBe(200);
    expect(call.buildup).toBe('LONG_BUILDUP');
    expect(put.oi_change).toBe(-200);
    expect(put.buildup).toBe('LONG_UNWINDING');
    expect(enriched.calls.find((c) => c.strike === 21_600)!.buildup).toBe('NEUTRAL');
  });

  // The ATM strike is 21,550 (spot 21,537). Its put has no trade and no two-sided market: no premium.
  it('gives a quote with no premium no IV and no Greeks, and keeps it out of atm_iv and the straddle', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 1 });
    const atm = chain.puts.findIndex((quote) => quote.strike === 21_550);
    chain.puts[atm] = { ...chain.puts[atm]!, bid: 0, ask: 0, last: 0 };
    const enriched = enrichChain(chain, nifty, null, base.timestamp);
    expect(enriched.puts[atm]).toMatchObject({
      mid: 0,
      iv: null,
      delta: null,
      gamma: null,
      vega: null,
      theta: null,
      rho: null,
    });
    const call = enriched.calls.find((quote) => quote.strike === 21_550)!;
    expect(enriched.atm_strike).toBe(21_550);
    expect(enriched.atm_iv).toBe(call.iv);
    expect(enriched).toMatchObject({ atm_straddle_price: null, implied_move: null, implied_move_pct: null });
  });

  // With no rate and no dividend yield the intrinsic value of the 21,000 call is exactly 537.
  it('gives no IV and no Greeks for a premium at intrinsic, which carries no time value', () => {
    const flat = { ...nifty, conventions: { ...nifty.conventions, rate: 0, dividend_yield: 0 } };
    const chain = flatVolChain(flat, { ...base, seq: 1 });
    chain.calls[0] = { ...chain.calls[0]!, bid: 0, ask: 0, last: 537 };
    const enriched = enrichChain(chain, flat, null, base.timestamp);
    expect(enriched.calls[0]).toMatchObject({ strike: 21_000, mid: 537, iv: null, delta: null, gamma: null });
    expect(enriched.calls[1]!.iv).toBeCloseTo(0.16, 9);
  });

  it('gives no IV and no Greeks for a premium below intrinsic', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 1 });
    chain.calls[0] = { ...chain.calls[0]!, bid: 1, ask: 2, last: 1.5 };
    const enriched = enrichChain(chain, nifty, null, base.timestamp);
    expect(enriched.calls[0]!.iv).toBeNull();
    expect(enriched.calls[0]!.delta).toBeNull();
  });
});
