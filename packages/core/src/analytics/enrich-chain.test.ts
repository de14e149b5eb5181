import { describe, expect, it } from 'vitest';
import { EnrichedChainSchema, type Product } from '../schemas';
import { flatVolChain } from '../testing/flat-vol-chain';
import { niftyProduct } from '../testing/strategy-fixtures';
import { indexContractBases, type ContractBaseEntry, type SessionBase } from './change-bases';
import { enrichChain, NO_CHANGE_BASES, type ChangeBases } from './enrich-chain';

const nifty = niftyProduct();
const strikes = Array.from({ length: 21 }, (_, i) => 21_000 + 50 * i);
const base = {
  expiry: '2026-12-29',
  timestamp: '2026-11-24T05:00:00.000Z',
  spot: 21_537,
  volatility: 0.16,
  strikes,
};

/** The first snapshot after a fresh start: no stored close, no previous snapshot. */
const fresh = NO_CHANGE_BASES;
const session = (basis: SessionBase['basis'], contracts: ContractBaseEntry[]): ChangeBases => ({
  session: { basis, contracts: indexContractBases(contracts) },
  previousSnapshot: null,
});

describe('enrichChain', () => {
  it('solves IV from the quoted mids (not copied) and produces a valid enriched chain', () => {
    const enriched = enrichChain(
      flatVolChain(nifty, { ...base, seq: 1 }),
      nifty,
      fresh,
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
    const enriched = enrichChain(flatVolChain(nifty, { ...base, seq: 1 }), nifty, fresh, base.timestamp);
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

  // Two-sided now (mid 301), last-only at the close (250): the premium rose 51 while the last price stood
  // still, and a last-price change would have called it NEUTRAL.
  it('measures OI, premium and build-up against the previous close, each premium read as mid or last', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 2 });
    const at = (side: 'calls' | 'puts', strike: number) => chain[side].findIndex((q) => q.strike === strike);
    chain.calls[at('calls', 21_450)] = {
      ...chain.calls[at('calls', 21_450)]!,
      bid: 300,
      ask: 302,
      last: 250,
      open_interest: 1_200,
    };
    chain.calls[at('calls', 21_500)] = { ...chain.calls[at('calls', 21_500)]!, bid: 0, ask: 0, last: 0 };
    const enriched = enrichChain(
      chain,
      nifty,
      session('previous_close', [
        { option_type: 'CALL', strike: 21_450, open_interest: 1_000, premium: 250 },
        { option_type: 'CALL', strike: 21_500, open_interest: 900, premium: 40 },
        { option_type: 'CALL', strike: 21_550, open_interest: 800, premium: 1 },
        { option_type: 'PUT', strike: 21_550, open_interest: 1_200, premium: 10_000 },
      ]),
      base.timestamp,
    );
    const call = (strike: number) => enriched.calls.find((q) => q.strike === strike)!;
    const put = (strike: number) => enriched.puts.find((q) => q.strike === strike)!;
    expect(enriched.change_base).toBe('previous_close');
    expect(call(21_450)).toMatchObject({ oi_change: 200, price_change: 51, buildup: 'LONG_BUILDUP' });
    // No price now: the premium change is unknown, and so is the build-up.
    expect(call(21_500)).toMatchObject({ oi_change: 100, price_change: null, buildup: 'NEUTRAL' });
    expect(call(21_550)).toMatchObject({ oi_change: 200, price_change: call(21_550).mid - 1 });
    expect(call(21_550).buildup).toBe('LONG_BUILDUP');
    expect(put(21_550)).toMatchObject({ oi_change: -200, price_change: put(21_550).mid - 10_000 });
    expect(put(21_550).buildup).toBe('LONG_UNWINDING');
    // Never quoted before the session: a new contract, opened from no open interest and no price.
    expect(call(21_600)).toMatchObject({ oi_change: 1_000, price_change: null, buildup: 'NEUTRAL' });
  });

  it('measures a contract from its first quote of the session when no close was stored', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 5, oi: () => 1_300 });
    const first = { option_type: 'PUT' as const, strike: 21_000, open_interest: 1_000, premium: 2 };
    const enriched = enrichChain(chain, nifty, session('session_first', [first]), base.timestamp);
    const put = enriched.puts[0]!;
    expect(enriched.change_base).toBe('session_first');
    expect(put).toMatchObject({ strike: 21_000, oi_change: 300, price_change: put.mid - 2 });
    expect(put.buildup).toBe(put.mid > 2 ? 'LONG_BUILDUP' : 'SHORT_BUILDUP');
    // Quoted for the first time this session: its own base.
    for (const quote of [...enriched.calls, ...enriched.puts.slice(1)]) {
      expect(quote).toMatchObject({ oi_change: 0, price_change: 0, buildup: 'NEUTRAL' });
    }
  });

  it('measures the snapshot changes against the previous snapshot, null without one', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 2 });
    chain.calls[0] = { ...chain.calls[0]!, bid: 600, ask: 604, last: 590, open_interest: 1_010 };
    chain.calls[1] = { ...chain.calls[1]!, bid: 0, ask: 0, last: 0 };
    const enriched = enrichChain(
      chain,
      nifty,
      {
        ...fresh,
        previousSnapshot: {
          seq: 1,
          quotes: [
            { option_type: 'CALL', strike: 21_000, open_interest: 1_000, premium: 600.5 },
            { option_type: 'CALL', strike: 21_050, open_interest: 1_000, premium: 550 },
          ],
        },
      },
      base.timestamp,
    );
    expect(enriched.calls[0]).toMatchObject({ snapshot_oi_change: 10, snapshot_price_change: 1.5 });
    expect(enriched.calls[1]).toMatchObject({ snapshot_oi_change: 0, snapshot_price_change: null });
    expect(enriched.calls[2]).toMatchObject({ snapshot_oi_change: null, snapshot_price_change: null });
    const first = enrichChain(chain, nifty, fresh, base.timestamp);
    expect(first.calls[0]).toMatchObject({ snapshot_oi_change: null, snapshot_price_change: null });
  });

  // The ATM strike is 21,550 (spot 21,537). Its put has no trade and no two-sided market: no premium.
  it('gives a quote with no premium no IV and no Greeks, and keeps it out of atm_iv and the straddle', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 1 });
    const atm = chain.puts.findIndex((quote) => quote.strike === 21_550);
    chain.puts[atm] = { ...chain.puts[atm]!, bid: 0, ask: 0, last: 0 };
    const enriched = enrichChain(chain, nifty, fresh, base.timestamp);
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
    const enriched = enrichChain(chain, flat, fresh, base.timestamp);
    expect(enriched.calls[0]).toMatchObject({ strike: 21_000, mid: 537, iv: null, delta: null, gamma: null });
    expect(enriched.calls[1]!.iv).toBeCloseTo(0.16, 9);
  });

  // Friday 2026-11-27 10:00 IST to the Tuesday 2026-12-01 15:30 expiry: 14/24 + 1 + 15.5/24 business days,
  // while four calendar days pass. The chain is priced with that business T discounting r and q too, so
  // enrichment recovers the volatility only if it uses the same single clock.
  it('under BUS/252 discounts the rate and the dividend yield over the same business time', () => {
    const business: Product = {
      ...nifty,
      conventions: { ...nifty.conventions, rate: 0.1, dividend_yield: 0.04, day_count: 'BUS/252' },
    };
    const friday = { ...base, expiry: '2026-12-01', timestamp: '2026-11-27T04:30:00.000Z', seq: 1 };
    const enriched = enrichChain(flatVolChain(business, friday), business, fresh, friday.timestamp);
    expect(enriched.time_to_expiry_years).toBeCloseTo((14 / 24 + 1 + 15.5 / 24) / 252, 14);
    for (const quote of [...enriched.calls, ...enriched.puts]) {
      if (quote.iv !== null) expect(quote.iv).toBeCloseTo(0.16, 7);
    }
    expect(enriched.calls.filter((quote) => quote.iv !== null).length).toBeGreaterThan(10);
  });

  it('gives no IV and no Greeks for a premium below intrinsic', () => {
    const chain = flatVolChain(nifty, { ...base, seq: 1 });
    chain.calls[0] = { ...chain.calls[0]!, bid: 1, ask: 2, last: 1.5 };
    const enriched = enrichChain(chain, nifty, fresh, base.timestamp);
    expect(enriched.calls[0]!.iv).toBeNull();
    expect(enriched.calls[0]!.delta).toBeNull();
  });
});
