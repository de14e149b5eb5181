import { z } from 'zod';
import { ExchangeDateSchema, ExpiryDateSchema, TimestampSchema } from './primitives';

// Volatility history on the wire. Every volatility is annualised and a decimal (0.2 = 20%), as IVs are
// everywhere else; spreads between two volatilities are in vol points (5 = 5 percentage points). The
// descriptions are what /api/docs shows for each field.

/** An annualised volatility as a decimal. */
export const VolatilitySchema = z.number().finite().nonnegative();

/** Where a point of the history comes from: the market as it traded, or a simulated backfill. */
export const IvSourceSchema = z
  .enum(['live', 'simulated'])
  .describe(
    'live: computed from the chains the market sent; simulated: the backfill that gives a fresh database a year of history.',
  );
export type IvSource = z.infer<typeof IvSourceSchema>;

/** The implied-volatility levels of a product at one instant (see intradayIvPoint). */
const IvLevelsSchema = z.object({
  iv_30d: VolatilitySchema.nullable().describe(
    '30-day constant-maturity ATM IV, annualised decimal: total variance σ²T interpolated linearly in T between the listed expiries around 30 calendar days (Cboe VIX method), expiries under 7 days left out, flat beyond the first and last; null when no expiry qualifies.',
  ),
  atm_iv: VolatilitySchema.nullable().describe('ATM IV of `near_expiry`, annualised decimal.'),
  near_expiry: ExpiryDateSchema.nullable().describe(
    'The nearest unexpired expiry that has an ATM IV; null (with atm_iv) when none has.',
  ),
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
  current_iv: VolatilitySchema.describe('The IV ranked, annualised decimal.'),
  history_days: z
    .number()
    .int()
    .nonnegative()
    .describe('Daily values before the current one that the lookback held.'),
  low_iv: VolatilitySchema.describe('Lowest IV over the lookback and the current one.'),
  high_iv: VolatilitySchema.describe('Highest IV over the lookback and the current one.'),
  iv_rank: z
    .number()
    .min(0)
    .max(100)
    .nullable()
    .describe('(current − low) / (high − low) × 100, 0–100; null when `reason` says why.'),
  iv_percentile: z
    .number()
    .min(0)
    .max(100)
    .nullable()
    .describe(
      'Share of the lookback days whose IV was strictly below the current IV, × 100; null when `reason` says why.',
    ),
  reason: z
    .enum(['insufficient_history', 'zero_range'])
    .nullable()
    .describe(
      'insufficient_history: fewer than 20 daily values, both measures null; zero_range: low = high, so iv_rank is null.',
    ),
});
export type IvRank = z.infer<typeof IvRankSchema>;

/** Realised volatility of the `window_days` trading days ending on `date` (see realisedVolSeries). */
export const RealisedVolPointSchema = z.object({
  date: ExchangeDateSchema.describe('The last trading day of the window, on the exchange calendar.'),
  window_days: z.number().int().min(2).describe('Window length in trading days (daily candles).'),
  close_to_close: VolatilitySchema.describe(
    'Sample standard deviation (n − 1) of the window_days daily log returns ln(Cᵢ/Cᵢ₋₁), × √252: annualised decimal (Hull, Options, Futures, and Other Derivatives, ch. 15).',
  ),
  parkinson: VolatilitySchema.describe(
    'Parkinson (1980) range estimator over the window_days daily candles: √(252 · mean(ln(Hᵢ/Lᵢ)²) / (4 ln 2)), annualised decimal; misses the overnight gap.',
  ),
});
export type RealisedVolPoint = z.infer<typeof RealisedVolPointSchema>;

/** Calendar days from the snapshot's exchange date to the expiry date: 0 on expiry day. */
const DaysToExpirySchema = z
  .number()
  .int()
  .nonnegative()
  .describe("Calendar days from the snapshot's exchange date to the expiry date: 0 on expiry day.");

/** ATM IV of one listed expiry at an instant (see atmTermStructure). */
export const TermStructurePointSchema = z.object({
  expiry: ExpiryDateSchema,
  days_to_expiry: DaysToExpirySchema,
  time_to_expiry_years: z
    .number()
    .finite()
    .positive()
    .describe("Time to expiry in the product's day count, as the chain carries it."),
  atm_iv: VolatilitySchema.nullable().describe('ATM IV of the expiry, annualised decimal.'),
});
export type TermStructurePoint = z.infer<typeof TermStructurePointSchema>;

/** An ATM IV now, a day ago and a week ago; null where that curve has no value. */
const IvThenAndNowSchema = z.object({
  atm_iv: VolatilitySchema.nullable().describe('Now, annualised decimal.'),
  atm_iv_1d_ago: VolatilitySchema.nullable().describe(
    'In the snapshot at least a day older; null where it has none.',
  ),
  atm_iv_1w_ago: VolatilitySchema.nullable().describe(
    'In the snapshot at least a week older; null where it has none.',
  ),
});

/** Today's term structure beside a day and a week ago (see compareTermStructures). */
export const TermStructureComparisonSchema = z.object({
  expiries: z
    .array(
      z.object({
        expiry: ExpiryDateSchema,
        days_to_expiry: DaysToExpirySchema,
        ...IvThenAndNowSchema.shape,
      }),
    )
    .describe(
      "Today's expiries, ascending, each against the same expiry in the earlier snapshots: how the IV of the same contracts moved.",
    ),
  constant_maturity: z
    .array(
      z.object({
        days: z.number().positive().describe('Constant maturity in calendar days.'),
        ...IvThenAndNowSchema.shape,
      }),
    )
    .describe(
      "ATM IV at constant maturities, ascending, interpolated in total variance as iv_30d is, in each snapshot: how the curve's shape moved, without the listed expiries' roll down the curve.",
    ),
});
export type TermStructureComparison = z.infer<typeof TermStructureComparisonSchema>;
