import { z } from 'zod';
import { EnrichedOptionQuoteSchema } from './option-quote';
import { PricingConventionsSchema } from './product';
import {
  ExpiryDateSchema,
  PositivePriceSchema,
  PriceSchema,
  ProductSymbolSchema,
  QuantitySchema,
  TimestampSchema,
} from './primitives';

/** Net dealer gamma exposure by strike and the levels traders read from it. */
export const GammaExposureSummarySchema = z.object({
  /** Sum over strikes, in currency per 1% move of the underlying. */
  net_gamma_exposure: z.number().finite(),
  call_wall: PositivePriceSchema.nullable(),
  put_wall: PositivePriceSchema.nullable(),
  gamma_flip: PositivePriceSchema.nullable(),
});
export type GammaExposureSummary = z.infer<typeof GammaExposureSummarySchema>;

/**
 * The metrics of one chain snapshot. Ratios are null when their denominator is zero (a PCR with no
 * calls is undefined, not 0). Field names follow the original DeltaStream wire format.
 */
export const ChainMetricsSchema = z.object({
  pcr_oi: z.number().finite().nonnegative().nullable(),
  pcr_volume: z.number().finite().nonnegative().nullable(),
  atm_strike: PositivePriceSchema,
  /** Null when the ATM strike lacks a call or a put quote. */
  atm_straddle_price: PriceSchema.nullable(),
  implied_move: PriceSchema.nullable(),
  implied_move_pct: PriceSchema.nullable(),
  atm_iv: z.number().finite().positive().nullable(),
  max_pain_strike: PositivePriceSchema,
  total_call_oi: QuantitySchema,
  total_put_oi: QuantitySchema,
  total_call_volume: QuantitySchema,
  total_put_volume: QuantitySchema,
  call_buildup_otm: QuantitySchema,
  put_buildup_otm: QuantitySchema,
  gamma_exposure: GammaExposureSummarySchema,
});
export type ChainMetrics = z.infer<typeof ChainMetricsSchema>;

export const EnrichedChainSchema = z.object({
  product: ProductSymbolSchema,
  expiry: ExpiryDateSchema,
  spot_price: PositivePriceSchema,
  strikes: z.array(PositivePriceSchema),
  calls: z.array(EnrichedOptionQuoteSchema),
  puts: z.array(EnrichedOptionQuoteSchema),
  timestamp: TimestampSchema,
  seq: QuantitySchema,
  time_to_expiry_years: z.number().finite().nonnegative(),
  conventions: PricingConventionsSchema,
  processed_at: TimestampSchema,
  ...ChainMetricsSchema.shape,
});
export type EnrichedChain = z.infer<typeof EnrichedChainSchema>;

/** What every client in `general` receives for each enriched chain: metrics without the strikes. */
export const ChainSummarySchema = z.object({
  product: ProductSymbolSchema,
  expiry: ExpiryDateSchema,
  spot_price: PositivePriceSchema,
  timestamp: TimestampSchema,
  ...ChainMetricsSchema.pick({
    pcr_oi: true,
    pcr_volume: true,
    atm_strike: true,
    atm_straddle_price: true,
    implied_move_pct: true,
    atm_iv: true,
    max_pain_strike: true,
    total_call_oi: true,
    total_put_oi: true,
  }).shape,
});
export type ChainSummary = z.infer<typeof ChainSummarySchema>;

export function toChainSummary(chain: EnrichedChain): ChainSummary {
  return {
    product: chain.product,
    expiry: chain.expiry,
    spot_price: chain.spot_price,
    timestamp: chain.timestamp,
    pcr_oi: chain.pcr_oi,
    pcr_volume: chain.pcr_volume,
    atm_strike: chain.atm_strike,
    atm_straddle_price: chain.atm_straddle_price,
    implied_move_pct: chain.implied_move_pct,
    atm_iv: chain.atm_iv,
    max_pain_strike: chain.max_pain_strike,
    total_call_oi: chain.total_call_oi,
    total_put_oi: chain.total_put_oi,
  };
}
