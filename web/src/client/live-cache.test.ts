import { describe, expect, it } from 'vitest';
import type { EnrichedChain, EnrichedOptionQuote, EnrichedUnderlying } from '@deltastream/core/schemas';
import type {
  ChainResponse,
  MaxPainResponse,
  OhlcResponse,
  OiBuildupResponse,
  PcrResponse,
} from '../contracts/rest';
import {
  newerChainResponse,
  withLiveCandle,
  withLiveChain,
  withLiveMaxPain,
  withLiveOiBuildup,
  withLivePcr,
  withLiveUnderlying,
} from './live-cache';

function quote(
  optionType: 'CALL' | 'PUT',
  strike: number,
  openInterest: number,
  overrides: Partial<EnrichedOptionQuote> = {},
): EnrichedOptionQuote {
  return {
    symbol: `TEST-${strike}-${optionType}`,
    product: 'TEST',
    strike,
    expiry: '2030-01-31',
    option_type: optionType,
    bid: 1,
    ask: 1.2,
    last: 1.1,
    mid: 1.1,
    volume: 10,
    open_interest: openInterest,
    oi_change: 0,
    price_change: 0,
    buildup: 'NEUTRAL',
    snapshot_oi_change: 0,
    snapshot_price_change: 0,
    iv: 0.2,
    delta: 0.5,
    gamma: 0.01,
    vega: 0.1,
    theta: -0.05,
    rho: 0.01,
    timestamp: '2030-01-02T03:45:00.000Z',
    ...overrides,
  };
}

/** Calls 10 @100, 20 @110; puts 30 @100, 5 @110; spot 104. */
function chainAt(timestamp: string, overrides: Partial<EnrichedChain> = {}): EnrichedChain {
  return {
    product: 'TEST',
    expiry: '2030-01-31',
    spot_price: 104,
    strikes: [100, 110],
    calls: [quote('CALL', 100, 10, { buildup: 'LONG_BUILDUP', oi_change: 4 }), quote('CALL', 110, 20)],
    puts: [quote('PUT', 100, 30, { buildup: 'SHORT_BUILDUP', oi_change: 7 }), quote('PUT', 110, 5)],
    timestamp,
    seq: Date.parse(timestamp) / 1000,
    time_to_expiry_years: 0.08,
    conventions: { model: 'black-scholes-merton', rate: 0.05, dividend_yield: 0, day_count: 'ACT/365' },
    change_base: 'previous_close',
    processed_at: timestamp,
    pcr_oi: 35 / 30,
    pcr_volume: 1,
    atm_strike: 100,
    atm_straddle_price: 2.2,
    implied_move: 2.2,
    implied_move_pct: 2.115,
    atm_iv: 0.2,
    max_pain_strike: 100,
    total_call_oi: 30,
    total_put_oi: 35,
    total_call_volume: 20,
    total_put_volume: 20,
    call_buildup_otm: 20,
    put_buildup_otm: 30,
    gamma_exposure: { net_gamma_exposure: 0, call_wall: null, put_wall: null, gamma_flip: null },
    ...overrides,
  };
}

const T0 = '2030-01-02T03:45:00.000Z';
const T1 = '2030-01-02T03:45:01.000Z';
const responseOf = (chain: EnrichedChain): ChainResponse => ({
  product: chain.product,
  expiry: chain.expiry,
  count: 1,
  chains: [chain],
});

describe('withLiveChain', () => {
  it('creates the expiry entry when nothing is cached, so another expiry shows at once', () => {
    const chain = chainAt(T0);
    expect(withLiveChain(undefined, chain)).toEqual(responseOf(chain));
  });

  it('takes a newer snapshot and keeps the cache itself for an older or equal one', () => {
    const cached = responseOf(chainAt(T1));
    expect(withLiveChain(cached, chainAt(T0))).toBe(cached);
    expect(withLiveChain(cached, chainAt(T1))).toBe(cached);
    const newer = chainAt('2030-01-02T03:45:02.000Z');
    expect(withLiveChain(cached, newer).chains).toEqual([newer]);
  });
});

describe('newerChainResponse', () => {
  it('keeps a live snapshot newer than the REST answer that arrives after it', () => {
    const live = responseOf(chainAt(T1));
    const fetched = responseOf(chainAt(T0));
    expect(newerChainResponse(live, fetched)).toBe(live);
    expect(newerChainResponse(fetched, live)).toBe(live);
    expect(newerChainResponse(undefined, fetched)).toBe(fetched);
  });
});

describe('withLiveUnderlying', () => {
  const tick = (timestamp: string, price: number): EnrichedUnderlying => ({
    type: 'UNDERLYING_ENRICHED',
    product: 'TEST',
    price,
    timestamp,
    tick_id: Date.parse(timestamp),
    change: price - 100,
    change_pct: price - 100,
    session_open: 100,
    processed_at: timestamp,
  });

  it('replaces latest with a newer tick only', () => {
    const cached = { product: 'TEST', latest: tick(T1, 101), count: 0, ticks: [] };
    expect(withLiveUnderlying(cached, tick(T0, 99))).toBe(cached);
    expect(withLiveUnderlying(cached, tick('2030-01-02T03:45:02.000Z', 102))?.latest?.price).toBe(102);
    expect(withLiveUnderlying(undefined, tick(T1, 101))).toBeUndefined();
  });
});

describe('withLivePcr', () => {
  const seed: PcrResponse = {
    product: 'TEST',
    expiry: '2030-01-31',
    latest: [
      { expiry: '2030-01-31', timestamp: T0, pcr_oi: 1, pcr_volume: 1, total_call_oi: 30, total_put_oi: 30 },
    ],
    history: [{ timestamp: T0, pcr_oi: 1, pcr_volume: 1 }],
  };

  it('appends one point per newer chain, capped, and ignores older chains', () => {
    const next = withLivePcr(seed, chainAt(T1), 10)!;
    expect(next.history).toEqual([
      { timestamp: T0, pcr_oi: 1, pcr_volume: 1 },
      { timestamp: T1, pcr_oi: 35 / 30, pcr_volume: 1 },
    ]);
    expect(next.latest).toEqual([
      {
        expiry: '2030-01-31',
        timestamp: T1,
        pcr_oi: 35 / 30,
        pcr_volume: 1,
        total_call_oi: 30,
        total_put_oi: 35,
      },
    ]);
    expect(withLivePcr(seed, chainAt(T1), 1)!.history).toHaveLength(1);
    expect(withLivePcr(next, chainAt(T0), 10)).toBe(next);
    expect(withLivePcr(undefined, chainAt(T1), 10)).toBeUndefined();
  });
});

describe('withLiveMaxPain', () => {
  it('recomputes the payout curve and the distance from spot', () => {
    const cached = { timestamp: T0 } as MaxPainResponse;
    // Payout at 100: puts 5·(110−100) = 50; at 110: calls 10·(110−100) = 100.
    expect(withLiveMaxPain(cached, chainAt(T1))).toEqual({
      product: 'TEST',
      expiry: '2030-01-31',
      timestamp: T1,
      spot_price: 104,
      max_pain_strike: 100,
      distance_from_spot: -4,
      distance_pct: (-4 / 104) * 100,
      total_call_oi: 30,
      total_put_oi: 35,
      payout_curve: {
        strikes: [100, 110],
        call_payout: [0, 100],
        put_payout: [50, 0],
        total_payout: [50, 100],
      },
    });
  });
});

describe('withLiveOiBuildup', () => {
  it('takes the classes the worker put on each quote and counts them per side', () => {
    const next = withLiveOiBuildup({ timestamp: T0 } as OiBuildupResponse, chainAt(T1))!;
    expect(next.strikes[0]).toEqual({
      strike: 100,
      call: { open_interest: 10, oi_change: 4, price_change: 0, buildup: 'LONG_BUILDUP' },
      put: { open_interest: 30, oi_change: 7, price_change: 0, buildup: 'SHORT_BUILDUP' },
    });
    expect(next.counts.call).toEqual({
      LONG_BUILDUP: 1,
      SHORT_BUILDUP: 0,
      SHORT_COVERING: 0,
      LONG_UNWINDING: 0,
      NEUTRAL: 1,
    });
    expect([next.call_buildup_otm, next.put_buildup_otm]).toEqual([20, 30]);
  });
});

describe('withLiveCandle', () => {
  const cached: OhlcResponse = {
    product: 'TEST',
    interval: '1m',
    candles: [
      {
        product: 'TEST',
        interval_seconds: 60,
        bucket_start: '2030-01-02T03:45:00.000Z',
        open: 100,
        high: 101,
        low: 99,
        close: 100.5,
        volume: 0,
        ticks: 5,
      },
    ],
  };
  const tick = (timestamp: string, price: number): EnrichedUnderlying => ({
    type: 'UNDERLYING_ENRICHED',
    product: 'TEST',
    price,
    timestamp,
    tick_id: 1,
    change: 0,
    change_pct: 0,
    session_open: 100,
    processed_at: timestamp,
  });

  it('closes the last REST candle with a tick of its bucket and keeps its open', () => {
    const next = withLiveCandle(cached, tick('2030-01-02T03:45:30.000Z', 102), 'Asia/Kolkata', 10)!;
    expect(next.candles).toHaveLength(1);
    expect(next.candles[0]).toMatchObject({ open: 100, high: 102, low: 99, close: 102, ticks: 6 });
  });

  it('opens the next candle with a tick of a later bucket, capped to the newest candles', () => {
    const next = withLiveCandle(cached, tick('2030-01-02T03:46:10.000Z', 98), 'Asia/Kolkata', 10)!;
    expect(next.candles.map((c) => [c.bucket_start, c.open, c.close])).toEqual([
      ['2030-01-02T03:45:00.000Z', 100, 100.5],
      ['2030-01-02T03:46:00.000Z', 98, 98],
    ]);
    expect(
      withLiveCandle(cached, tick('2030-01-02T03:46:10.000Z', 98), 'Asia/Kolkata', 1)!.candles,
    ).toHaveLength(1);
  });

  it('ignores a tick older than the last candle', () => {
    expect(withLiveCandle(cached, tick('2030-01-02T03:44:10.000Z', 98), 'Asia/Kolkata', 10)).toBe(cached);
  });
});
