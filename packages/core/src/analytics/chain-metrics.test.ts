import { describe, expect, it } from 'vitest';
import { ChainMetricsSchema } from '../schemas';
import { computeChainMetrics, type ChainMetricsInput } from './chain-metrics';

// The original DeltaStream PCR reference chain, with prices, IVs and gammas added.
const quote = (
  strike: number,
  openInterest: number,
  volume: number,
  bid: number,
  ask: number,
  iv: number,
  gamma: number,
) => ({
  strike,
  open_interest: openInterest,
  volume,
  bid,
  ask,
  last: bid,
  iv,
  gamma,
});
const chain: ChainMetricsInput = {
  spot_price: 21520,
  strikes: [21400, 21500, 21600],
  calls: [
    quote(21400, 10000, 500, 180, 182, 0.14, 0.0004),
    quote(21500, 15000, 800, 120, 122, 0.125, 0.0005),
    quote(21600, 12000, 600, 70, 72, 0.13, 0.0004),
  ],
  puts: [
    quote(21400, 12000, 600, 60, 62, 0.2, 0.0004),
    quote(21500, 18000, 900, 100, 102, 0.1875, 0.0005),
    quote(21600, 11000, 550, 150, 152, 0.17, 0.0004),
  ],
  time_to_expiry_years: 7 / 365,
  conventions: { model: 'black-scholes-merton', rate: 0.065, dividend_yield: 0 },
};

describe('computeChainMetrics', () => {
  it('computes every chain metric', () => {
    const metrics = computeChainMetrics(chain, 75);
    const gexUnit = 75 * 21520 * 21520 * 0.01;
    expect(metrics).toEqual({
      pcr_oi: 41000 / 37000,
      pcr_volume: 2050 / 1900,
      atm_strike: 21500,
      atm_straddle_price: 121 + 101,
      implied_move: 222,
      implied_move_pct: 22200 / 21520,
      atm_iv: 0.15625,
      max_pain_strike: 21500,
      total_call_oi: 37000,
      total_put_oi: 41000,
      total_call_volume: 1900,
      total_put_volume: 2050,
      call_buildup_otm: 12000,
      put_buildup_otm: 30000,
      gamma_exposure: {
        // Put gamma·OI 0.0004·(12000 + 11000) + 0.0005·18000,
        // call gamma·OI 0.0004·(10000 + 12000) + 0.0005·15000.
        net_gamma_exposure: expect.closeTo(-1.9 * gexUnit, 3),
        call_wall: 21500,
        put_wall: 21500,
        // This chain is put-heavy at every strike level, so net GEX never turns positive.
        gamma_flip: null,
      },
    });
  });

  it('returns what the wire schema accepts', () => {
    expect(ChainMetricsSchema.parse(computeChainMetrics(chain, 75))).toEqual(computeChainMetrics(chain, 75));
  });

  it('reports no straddle (null, not 0) when the ATM strike lacks a leg, and keeps the other metrics', () => {
    const metrics = computeChainMetrics({ ...chain, puts: chain.puts.filter((p) => p.strike !== 21500) }, 75);
    expect(metrics.atm_strike).toBe(21500);
    expect(metrics.atm_straddle_price).toBeNull();
    expect(metrics.implied_move).toBeNull();
    expect(metrics.implied_move_pct).toBeNull();
    expect(metrics.pcr_oi).not.toBeNull();
    expect(ChainMetricsSchema.parse(metrics)).toEqual(metrics);
  });
});
