import type { ChainMetrics, PricingConventions } from '../schemas';
import { atmIv, atmStraddlePrice, atmStrike, impliedMovePct } from './atm';
import { gammaExposureSummary } from './gamma-exposure';
import { maxPainStrike } from './max-pain';
import { otmBuildup } from './oi-buildup';
import { chainTotals, putCallRatio } from './pcr';

/** A quote after IV and Greeks were solved; EnrichedOptionQuote fits as it is. */
export interface ChainMetricsQuote {
  strike: number;
  open_interest: number;
  volume: number;
  bid: number;
  ask: number;
  last: number;
  iv: number | null;
  gamma: number | null;
}

/** One chain snapshot with enriched quotes; an EnrichedChain without its metrics fits as it is. */
export interface ChainMetricsInput {
  spot_price: number;
  strikes: readonly number[];
  calls: readonly ChainMetricsQuote[];
  puts: readonly ChainMetricsQuote[];
  time_to_expiry_years: number;
  conventions: Pick<PricingConventions, 'model' | 'rate' | 'dividend_yield'>;
}

/**
 * Every metric of one chain snapshot (the fields of ChainMetrics). The ATM strike is taken from
 * `strikes`; implied_move is the ATM straddle itself and implied_move_pct that straddle as a percentage
 * of spot (see impliedMovePct); GEX is per 1% move with `contractMultiplier` (the product's lot size).
 * The straddle and implied move are null when the ATM strike lacks a call or a put quote or either leg has
 * no price: 0 (or one leg alone) would be a wrong number on every dashboard, and the other metrics of the
 * chain are still worth having.
 * Throws AnalyticsInputError on nonsense input.
 */
export function computeChainMetrics(chain: ChainMetricsInput, contractMultiplier: number): ChainMetrics {
  const { spot_price: spot, calls, puts } = chain;
  const totals = chainTotals(calls, puts);
  const atm = atmStrike(chain.strikes, spot);
  const straddle = atmStraddlePrice(calls, puts, atm);
  return {
    pcr_oi: putCallRatio(totals.total_put_oi, totals.total_call_oi),
    pcr_volume: putCallRatio(totals.total_put_volume, totals.total_call_volume),
    atm_strike: atm,
    atm_straddle_price: straddle,
    implied_move: straddle,
    implied_move_pct: straddle === null ? null : impliedMovePct(straddle, spot),
    atm_iv: atmIv(calls, puts, atm),
    max_pain_strike: maxPainStrike(calls, puts),
    ...totals,
    ...otmBuildup(calls, puts, spot),
    gamma_exposure: gammaExposureSummary(calls, puts, {
      spot,
      timeYears: chain.time_to_expiry_years,
      conventions: chain.conventions,
      contractMultiplier,
    }),
  };
}
