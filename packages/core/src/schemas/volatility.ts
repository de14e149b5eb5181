import { z } from 'zod';
import { ExchangeDateSchema, ExpiryDateSchema, TimestampSchema } from './primitives';

// Volatility history on the wire. Every volatility is annualised and a decimal (0.2 = 20%), as IVs are
// everywhere else; spreads between two volatilities are in vol points (5 = 5 percentage points).

/** An annualised volatility as a decimal. */
const VolatilitySchema = z.number().finite().nonnegative();

/** Where a point of the history comes from: the market as it traded, or a simulated backfill. */
export const IvSourceSchema = z.enum(['live', 'simulated']);
export type IvSource = z.infer<typeof IvSourceSchema>;

/** The implied-volatility levels of a product at one instant (see intradayIvPoint). */
const IvLevelsSchema = z.object({
  /** 30-day constant-maturity ATM IV; null when no expiry qualifies. */
  iv_30d: VolatilitySchema.nullable(),
  /** ATM IV of `near_expiry`. */
  atm_iv: VolatilitySchema.nullable(),
  /** The nearest unexpired expiry that has an ATM IV; null (with atm_iv) when none has. */
  near_expiry: ExpiryDateSchema.nullable(),
  source: IvSourceSchema,
});

/** IV levels of one minute: the last observation in [bucket_start, bucket_start + 60 s). */
export const IntradayIvPointSchema = z.object({
  bucket_start: TimestampSchema,
  ...IvLevelsSchema.shape,
});
export type IntradayIvPoint = z.infer<typeof IntradayIvPointSchema>;

/** IV levels of one trading day, `date` in the exchange's time zone: the day's last minute (its close). */
export const DailyIvPointSchema = z.object({
  date: ExchangeDateSchema,
  ...IvLevelsSchema.shape,
});
export type DailyIvPoint = z.infer<typeof DailyIvPointSchema>;

/** IV rank and IV percentile of the current IV over a lookback of daily values (see ivRankAndPercentile). */
export const IvRankSchema = z.object({
  current_iv: VolatilitySchema,
  /** Daily values before today that the lookback held. */
  history_days: z.number().int().nonnegative(),
  /** Lowest and highest IV over the lookback and today. */
  low_iv: VolatilitySchema,
  high_iv: VolatilitySchema,
  /** 0–100; null when `reason` says why. */
  iv_rank: z.number().min(0).max(100).nullable(),
  iv_percentile: z.number().min(0).max(100).nullable(),
  /** insufficient_history: both measures null; zero_range: low = high, so iv_rank is null. */
  reason: z.enum(['insufficient_history', 'zero_range']).nullable(),
});
export type IvRank = z.infer<typeof IvRankSchema>;

/** Realised volatility of the `window_days` trading days ending on `date` (see realisedVolSeries). */
export const RealisedVolPointSchema = z.object({
  date: ExchangeDateSchema,
  window_days: z.number().int().min(2),
  close_to_close: VolatilitySchema,
  parkinson: VolatilitySchema,
});
export type RealisedVolPoint = z.infer<typeof RealisedVolPointSchema>;

/** ATM IV of one listed expiry at an instant (see atmTermStructure). */
export const TermStructurePointSchema = z.object({
  expiry: ExpiryDateSchema,
  /** Calendar days from the snapshot's exchange date to the expiry date: 0 on expiry day. */
  days_to_expiry: z.number().int().nonnegative(),
  /** In the product's day count, as the chain carries it. */
  time_to_expiry_years: z.number().finite().positive(),
  atm_iv: VolatilitySchema.nullable(),
});
export type TermStructurePoint = z.infer<typeof TermStructurePointSchema>;

/** An ATM IV now, a day ago and a week ago; null where that curve has no value. */
const IvThenAndNowSchema = z.object({
  atm_iv: VolatilitySchema.nullable(),
  atm_iv_1d_ago: VolatilitySchema.nullable(),
  atm_iv_1w_ago: VolatilitySchema.nullable(),
});

/** Today's term structure beside a day and a week ago (see compareTermStructures). */
export const TermStructureComparisonSchema = z.object({
  /** Today's expiries, ascending, each against the same expiry in the earlier curves. */
  expiries: z.array(
    z.object({
      expiry: ExpiryDateSchema,
      days_to_expiry: z.number().int().nonnegative(),
      ...IvThenAndNowSchema.shape,
    }),
  ),
  /** Constant-maturity points (calendar days), ascending. */
  constant_maturity: z.array(
    z.object({
      days: z.number().positive(),
      ...IvThenAndNowSchema.shape,
    }),
  ),
});
export type TermStructureComparison = z.infer<typeof TermStructureComparisonSchema>;
