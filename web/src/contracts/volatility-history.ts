/**
 * The contract of the volatility-history routes: the IV series with today's IV rank and IV percentile,
 * the ATM term structure now beside a day and a week ago, and realised volatility with the IV − RV
 * spread. Volatilities are annualised decimals (0.2 = 20%), spreads vol points, dates the product's
 * exchange dates. Row arrays hold flat objects, one row per point, so they tabulate as they are.
 */
import { z } from 'zod';
import {
  DailyIvPointSchema,
  ExchangeDateSchema,
  IvRankSchema,
  IvSourceSchema,
  ProductSymbolSchema,
  RealisedVolPointSchema,
  TermStructureComparisonSchema,
  TermStructurePointSchema,
  TimestampSchema,
  VolatilitySchema,
} from '@deltastream/core/schemas';
import {
  IV_RANK_LOOKBACK_DAYS,
  IV_RANK_MIN_HISTORY_DAYS,
  IV_RV_SPREAD_WINDOW_DAYS,
  REALISED_VOL_WINDOWS_DAYS,
} from '@deltastream/core/volatility';
import { API_SCHEMAS } from './api-schemas';
import { instant, limit, LIST_LIMITS } from './rest';

/** The longest range `days` may ask for: ten years. */
export const MAX_RANGE_DAYS = 3660;
/** The longest IV-rank lookback: five years of trading days. */
export const MAX_IV_RANK_LOOKBACK_DAYS = 1260;
/** The longest realised-volatility window (a year of trading days), and how many windows one request may ask for. */
export const MAX_REALISED_VOL_WINDOW_DAYS = 252;
export const MAX_REALISED_VOL_WINDOWS = 6;

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A range bound: an exchange date, or an instant (read on the exchange's clock where dates are meant). */
const dateOrInstant = z.union([ExchangeDateSchema, instant], {
  message: 'must be a date as YYYY-MM-DD, an ISO-8601 date-time or epoch milliseconds',
});

/** The range of a history read: [start, end), or the last `days` exchange dates; `limit` caps the points. */
const rangeQuery = {
  start: dateOrInstant.optional(),
  end: dateOrInstant.optional(),
  days: wholeNumber(1, MAX_RANGE_DAYS).optional(),
};

/** What the range parameters mean, as /api/docs says it. */
export const RANGE_NOTES = {
  start:
    'Or a date (YYYY-MM-DD) on the exchange calendar, its midnight for minutes. Inclusive; for daily points an instant stands for its exchange date.',
  end: 'Or a date (YYYY-MM-DD), as start. Exclusive; must be after start.',
  days: 'The last `days` exchange dates, today included; not with start or end.',
} as const;

// --- GET /api/analytics/iv-history/{product} ------------------------------------------------------

export const IV_HISTORY_INTERVALS = ['1d', '1m'] as const;
export type IvHistoryInterval = (typeof IV_HISTORY_INTERVALS)[number];

export const IvHistoryQuerySchema = z.object({
  interval: z.enum(IV_HISTORY_INTERVALS).default('1d'),
  ...rangeQuery,
  limit: limit(LIST_LIMITS.ivHistory),
  lookback: wholeNumber(IV_RANK_MIN_HISTORY_DAYS, MAX_IV_RANK_LOOKBACK_DAYS).default(IV_RANK_LOOKBACK_DAYS),
});

/** One point of the IV history: a day's close (`1d`) or a minute's last observation (`1m`). */
export const IvHistoryPointSchema = z.object({
  date: ExchangeDateSchema.describe('Exchange date of the point (of its minute, for 1m).'),
  bucket_start: TimestampSchema.nullable().describe(
    "1m: the minute's start, the point being the minute's last observation; null for daily points, which are the day's last minute (its close).",
  ),
  ...DailyIvPointSchema.omit({ date: true }).shape,
});

/** Today's IV rank and IV percentile, with what they were computed from. */
export const CurrentIvRankSchema = z.object({
  date: ExchangeDateSchema.nullable().describe(
    "Exchange date of the current IV: the latest day that has a 30-day IV (today's point is rewritten every minute while chains arrive); null when none has.",
  ),
  source: IvSourceSchema.nullable(),
  lookback_days: z
    .number()
    .int()
    .describe('Daily values (trading days) before `date` the measures look back over, as asked.'),
  current_iv: IvRankSchema.shape.current_iv
    .nullable()
    .describe('The 30-day IV of `date` (iv_30d), annualised decimal.'),
  history_days: IvRankSchema.shape.history_days,
  low_iv: IvRankSchema.shape.low_iv.nullable(),
  high_iv: IvRankSchema.shape.high_iv.nullable(),
  iv_rank: IvRankSchema.shape.iv_rank,
  iv_percentile: IvRankSchema.shape.iv_percentile,
  reason: z
    .enum(['no_history', 'no_current_iv', ...IvRankSchema.shape.reason.unwrap().options])
    .nullable()
    .describe(
      `Why a measure is null. no_history: no daily IV stored; no_current_iv: no stored day has a 30-day IV; insufficient_history: fewer than ${IV_RANK_MIN_HISTORY_DAYS} daily values before it; zero_range: low = high, so iv_rank is null.`,
    ),
});

export const IvHistoryResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    interval: z.enum(IV_HISTORY_INTERVALS),
    points: z.array(IvHistoryPointSchema).describe('Oldest first.'),
    rank: CurrentIvRankSchema,
  })
  .register(API_SCHEMAS, { id: 'IvHistoryResponse' });

// --- GET /api/analytics/term-structure/{product} --------------------------------------------------

export const TERM_STRUCTURE_SNAPSHOTS = ['now', '1d_ago', '1w_ago'] as const;
export type TermStructureSnapshot = (typeof TERM_STRUCTURE_SNAPSHOTS)[number];

/** The timestamp of a past snapshot of the term structure, at least `age` before the current one. */
const olderSnapshotTimestamp = (age: string) =>
  TimestampSchema.nullable().describe(
    `The newest chain of the latest snapshot at least ${age} older than \`timestamp\`; null when none is stored.`,
  );

export const TermStructureResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    timestamp: TimestampSchema.nullable().describe(
      "The newest chain of the current snapshot (each live expiry's latest chain); null when none is stored.",
    ),
    timestamp_1d_ago: olderSnapshotTimestamp('24 hours'),
    timestamp_1w_ago: olderSnapshotTimestamp('7 days'),
    ...TermStructureComparisonSchema.shape,
    curves: z
      .array(
        z.object({
          snapshot: z.enum(TERM_STRUCTURE_SNAPSHOTS),
          ...TermStructurePointSchema.shape,
        }),
      )
      .describe(
        'Each snapshot as it stood: its unexpired expiries, ascending, with their days to expiry then (a chart by days to expiry draws these).',
      ),
  })
  .register(API_SCHEMAS, { id: 'TermStructureResponse' });

// --- GET /api/analytics/realized-vol/{product} ----------------------------------------------------

/** `10,20,60`: distinct whole numbers of trading days. */
const windowList = z
  .string()
  .transform((text, ctx) => {
    const windows = text.split(',').map((part) => Number(part.trim()));
    const bad = windows.find(
      (days) => !Number.isInteger(days) || days < 2 || days > MAX_REALISED_VOL_WINDOW_DAYS,
    );
    const problem =
      bad !== undefined
        ? `each must be a whole number of days from 2 to ${MAX_REALISED_VOL_WINDOW_DAYS}`
        : new Set(windows).size < windows.length
          ? 'must not repeat a window'
          : windows.length > MAX_REALISED_VOL_WINDOWS
            ? `at most ${MAX_REALISED_VOL_WINDOWS} windows`
            : undefined;
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return windows.sort((a, b) => a - b);
  })
  .prefault(REALISED_VOL_WINDOWS_DAYS.join(','));

export const RealizedVolQuerySchema = z.object({
  windows: windowList,
  ...rangeQuery,
  limit: limit(LIST_LIMITS.realisedVolDays),
});

export const RealizedVolResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    windows: z.array(z.number().int()).describe('The windows asked for, in trading days, ascending.'),
    series: z
      .array(RealisedVolPointSchema)
      .describe(
        'Rolling realised volatility of each window ending on each trading day of the range, oldest first, then by window. Daily candles of the underlying; the day in progress is left out (its candle is still open).',
      ),
    latest: z
      .array(
        z.object({
          window_days: RealisedVolPointSchema.shape.window_days,
          date: ExchangeDateSchema.nullable().describe(
            'The last settled trading day (before today); null when there are fewer candles than the window needs.',
          ),
          close_to_close: RealisedVolPointSchema.shape.close_to_close.nullable(),
          parkinson: RealisedVolPointSchema.shape.parkinson.nullable(),
          reason: z
            .enum(['insufficient_history'])
            .nullable()
            .describe('insufficient_history: fewer than window_days + 1 settled daily candles.'),
        }),
      )
      .describe('The latest value of each window asked for, ascending by window.'),
    iv_rv_spread: z
      .object({
        window_days: z
          .literal(IV_RV_SPREAD_WINDOW_DAYS)
          .describe(
            'The realised volatility paired with the 30-day IV: 20 trading days span about 30 calendar days.',
          ),
        iv_30d: VolatilitySchema.nullable().describe(
          'The current 30-day constant-maturity ATM IV (of the latest day that has one), annualised decimal.',
        ),
        iv_date: ExchangeDateSchema.nullable(),
        rv: VolatilitySchema.nullable().describe(
          'The latest 20-day close-to-close realised volatility, annualised decimal.',
        ),
        rv_date: ExchangeDateSchema.nullable(),
        spread_points: z
          .number()
          .nullable()
          .describe(
            '100 × (iv_30d − rv), in vol points: positive when options price more movement than the underlying has shown.',
          ),
        reason: z
          .enum(['no_current_iv', 'insufficient_history'])
          .nullable()
          .describe(
            `Why spread_points is null. no_current_iv: no 30-day IV stored; insufficient_history: fewer than ${IV_RV_SPREAD_WINDOW_DAYS + 1} settled daily candles.`,
          ),
      })
      .describe('Implied minus realised volatility now.'),
    iv_rv_spread_series: z
      .array(
        z.object({
          date: ExchangeDateSchema,
          iv_30d: VolatilitySchema.describe("The day's closing 30-day IV."),
          rv: VolatilitySchema.describe('20-day close-to-close realised volatility ending that day.'),
          spread_points: z.number().describe('100 × (iv_30d − rv), in vol points.'),
        }),
      )
      .describe('The spread on each trading day of the range that has both, oldest first.'),
  })
  .register(API_SCHEMAS, { id: 'RealizedVolResponse' });

export type IvHistoryQuery = z.output<typeof IvHistoryQuerySchema>;
export type IvHistoryPoint = z.infer<typeof IvHistoryPointSchema>;
export type CurrentIvRank = z.infer<typeof CurrentIvRankSchema>;
export type IvHistoryResponse = z.infer<typeof IvHistoryResponseSchema>;
export type TermStructureResponse = z.infer<typeof TermStructureResponseSchema>;
export type RealizedVolQuery = z.output<typeof RealizedVolQuerySchema>;
export type RealizedVolResponse = z.infer<typeof RealizedVolResponseSchema>;
