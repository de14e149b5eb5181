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

/** Net dealer gamma exposure by strike and the levels traders read from it (packages/core gamma-exposure). */
export const GammaExposureSummarySchema = z.object({
  net_gamma_exposure: z
    .number()
    .finite()
    .describe(
      'Σ gamma × open interest × lot_size × spot² × 0.01 over every quote: currency per 1% move of the underlying, signed for dealers assumed long the calls and short the puts (SqueezeMetrics, "Gamma Exposure (GEX)", 2017: customers as a group write calls and buy puts, and dealers hold the other side). Positive: dealers hedge against moves (dampening); negative: with them.',
    ),
  call_wall: PositivePriceSchema.nullable().describe(
    'Strike with the largest call GEX (lowest on a tie); null without call gamma.',
  ),
  put_wall: PositivePriceSchema.nullable().describe(
    'Strike with the largest put GEX magnitude (lowest on a tie); null without put gamma.',
  ),
  gamma_flip: PositivePriceSchema.nullable().describe(
    "Underlying level where net GEX, re-priced with each quote's IV held (sticky strike) at every strike of the chain, changes sign: linearly interpolated between the two bracketing strikes, so usually not a strike itself; the crossing nearest spot when there are several; null when it never changes sign.",
  ),
});
export type GammaExposureSummary = z.infer<typeof GammaExposureSummarySchema>;

/**
 * The metrics of one chain snapshot. Ratios are null when their denominator is zero (a PCR with no
 * calls is undefined, not 0). Field names follow the original DeltaStream wire format.
 */
export const ChainMetricsSchema = z.object({
  pcr_oi: z
    .number()
    .finite()
    .nonnegative()
    .nullable()
    .describe('total_put_oi / total_call_oi; null without call OI.'),
  pcr_volume: z
    .number()
    .finite()
    .nonnegative()
    .nullable()
    .describe('total_put_volume / total_call_volume; null without call volume.'),
  atm_strike: PositivePriceSchema.describe('The strike nearest spot (the lower one on a tie).'),
  atm_straddle_price: PriceSchema.nullable().describe(
    'ATM call premium + ATM put premium (mid, else last); null when either leg is missing or has no price.',
  ),
  implied_move: PriceSchema.nullable().describe(
    'The ATM straddle, read as the move priced in to expiry; null with it.',
  ),
  implied_move_pct: PriceSchema.nullable().describe(
    'implied_move as a percentage of spot (1.5 = 1.5%); null with it.',
  ),
  atm_iv: z
    .number()
    .finite()
    .positive()
    .nullable()
    .describe(
      'Mean of the ATM call and put IVs that exist (one alone if only one has an IV); null when neither has.',
    ),
  max_pain_strike: PositivePriceSchema.describe(
    'The strike at which option holders would collect least at settlement: Σ open interest × intrinsic value, per unit of the underlying (lot size left out; it scales every strike alike).',
  ),
  total_call_oi: QuantitySchema.describe('Σ call open interest, in contracts.'),
  total_put_oi: QuantitySchema.describe('Σ put open interest, in contracts.'),
  total_call_volume: QuantitySchema.describe('Σ call volume of the session, in contracts.'),
  total_put_volume: QuantitySchema.describe('Σ put volume of the session, in contracts.'),
  call_buildup_otm: QuantitySchema.describe(
    'Σ call open interest (contracts) at strikes above spot: a level, not a change (original DeltaStream name).',
  ),
  put_buildup_otm: QuantitySchema.describe(
    'Σ put open interest (contracts) at strikes below spot: a level, not a change (original DeltaStream name).',
  ),
  gamma_exposure: GammaExposureSummarySchema,
});
export type ChainMetrics = z.infer<typeof ChainMetricsSchema>;

/** What a chain's oi_change, price_change and buildup are measured against: see change_base. */
export const ChangeBaseSchema = z.enum(['previous_close', 'session_first']);
export type ChangeBase = z.infer<typeof ChangeBaseSchema>;

export const EnrichedChainSchema = z.object({
  product: ProductSymbolSchema,
  expiry: ExpiryDateSchema,
  spot_price: PositivePriceSchema,
  strikes: z.array(PositivePriceSchema),
  calls: z.array(EnrichedOptionQuoteSchema),
  puts: z.array(EnrichedOptionQuoteSchema),
  timestamp: TimestampSchema,
  seq: QuantitySchema,
  time_to_expiry_years: z
    .number()
    .finite()
    .nonnegative()
    .describe(
      "T from the snapshot to the exchange's expiry instant under conventions.day_count: ACT/365 calendar time, or BUS/252 business days / 252. The same T scales volatility and discounts the rate and the dividend yield.",
    ),
  conventions: PricingConventionsSchema,
  change_base: ChangeBaseSchema.nullable().describe(
    "What oi_change, price_change and buildup are measured against, session by session (the exchange's local trading date). previous_close: each contract's last quote before the session began, i.e. its previous close (a contract never quoted before is new: open interest from 0, no previous price). session_first: nothing of the product was stored before this session (the first session after a fresh start), so each contract is measured from its first quote of the session rather than from a close nobody saw. Null on snapshots stored before the base was recorded.",
  ),
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
