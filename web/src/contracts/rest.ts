/**
 * The REST API's contract: every path parameter, query and response body as a zod schema. Route handlers
 * validate with these, the dashboard types its queries with them, and `/api/docs` (OpenAPI 3.1) is
 * generated from them, so the three cannot drift apart. Names are snake_case as on the wire.
 */
import { z } from 'zod';
import {
  BuildupSchema,
  CandleSchema,
  ChainMetricsSchema,
  EnrichedChainSchema,
  EnrichedOptionQuoteSchema,
  EnrichedUnderlyingSchema,
  ExpiryDateSchema,
  OptionTypeSchema,
  PositivePriceSchema,
  PriceSchema,
  ProductSchema,
  ProductSymbolSchema,
  QuantitySchema,
  TimestampSchema,
  UnderlyingTickSchema,
} from '@deltastream/core/schemas';
import { API_SCHEMAS } from './api-schemas';

/** Hard caps on list sizes, whatever `limit` asks for. */
export const LIST_LIMITS = {
  ticks: { default: 500, max: 5000 },
  chains: { default: 1, max: 20 },
  pcrHistory: { default: 100, max: 2000 },
  candles: { default: 500, max: 5000 },
  /** Points of the IV history: two years of days, or a session and a half of minutes. */
  ivHistory: { default: 500, max: 5000 },
  /** Trading days of the realised-volatility series: a year, at most ten. */
  realisedVolDays: { default: 252, max: 2520 },
} as const;

export const limit = (bounds: { default: number; max: number }) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(bounds.max, `must be at most ${bounds.max}`)
    .default(bounds.default);

/**
 * The last instant an ISO-8601 date-time with a four-digit year can name, 9999-12-31T23:59:59.999Z.
 * Epoch milliseconds beyond it would be dates JavaScript cannot represent (its calendar ends in 275760)
 * or PostgreSQL cannot store, so they are refused with the ISO strings that cannot name them.
 */
export const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Accepts an ISO-8601 date-time or epoch milliseconds, from 1970 to the end of year 9999. */
export const instant = z.union(
  [TimestampSchema, z.coerce.number().int().nonnegative().max(LAST_INSTANT_MS)],
  {
    message: 'must be an ISO-8601 date-time or epoch milliseconds, from 1970 to 9999',
  },
);

export const ProductPathSchema = z.object({
  product: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(ProductSymbolSchema),
});

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .register(API_SCHEMAS, { id: 'Error' });

// --- /api/data ---------------------------------------------------------------------------------

/**
 * The original API's list of symbols, and the catalogue's entries beside it (as the live stream's
 * `products` event answers), in the catalogue's order.
 */
export const ProductsResponseSchema = z
  .object({ products: z.array(ProductSymbolSchema), catalogue: z.array(ProductSchema) })
  .register(API_SCHEMAS, { id: 'ProductsResponse' });

export const UnderlyingQuerySchema = z.object({
  start: instant.optional(),
  end: instant.optional(),
  limit: limit(LIST_LIMITS.ticks),
});
/** Ticks oldest first; `latest` is the cached enriched tick (with the day's change) when there is one. */
export const UnderlyingResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    latest: EnrichedUnderlyingSchema.nullable(),
    count: z.number().int(),
    ticks: z.array(UnderlyingTickSchema),
  })
  .register(API_SCHEMAS, { id: 'UnderlyingResponse' });

export const ChainQuerySchema = z.object({
  expiry: ExpiryDateSchema.optional(),
  limit: limit(LIST_LIMITS.chains),
});
/**
 * Without `expiry`: the latest chain of each live expiry, nearest first (`limit` caps how many).
 * With `expiry`: that expiry's newest `limit` snapshots, newest first.
 */
export const ChainResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    expiry: ExpiryDateSchema.nullable(),
    count: z.number().int(),
    chains: z.array(EnrichedChainSchema),
  })
  .register(API_SCHEMAS, { id: 'ChainResponse' });

export const ExpiriesResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    /** Live expiries with data, nearest first. */
    expiries: z.array(ExpiryDateSchema),
  })
  .register(API_SCHEMAS, { id: 'ExpiriesResponse' });

export const CANDLE_INTERVALS = ['1m', '5m', '15m', '30m', '1h', '1d'] as const;
export const CANDLE_INTERVAL_SECONDS: Record<(typeof CANDLE_INTERVALS)[number], number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '1d': 86_400,
};
export const OhlcQuerySchema = z.object({
  interval: z.enum(CANDLE_INTERVALS).default('1m'),
  start: instant.optional(),
  end: instant.optional(),
  limit: limit(LIST_LIMITS.candles),
});
/** Bars oldest first, aligned to the product's exchange clock (a `1d` bar is one local trading day). */
export const OhlcResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    interval: z.enum(CANDLE_INTERVALS),
    candles: z.array(CandleSchema),
  })
  .register(API_SCHEMAS, { id: 'OhlcResponse' });

// --- /api/analytics ----------------------------------------------------------------------------

/** The trailing windows `GET /api/analytics/ohlc/{product}` sums up, in minutes (the original: 1, 5, 15). */
export const OHLC_WINDOW_MINUTES = { default: 5, max: 60 } as const;
export const WindowOhlcQuerySchema = z.object({
  window: z.coerce
    .number({ message: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1')
    .max(OHLC_WINDOW_MINUTES.max, `must be at most ${OHLC_WINDOW_MINUTES.max}`)
    .default(OHLC_WINDOW_MINUTES.default),
});
/** One bar over the ticks of the last `window_minutes`, in the original API's shape and names. */
export const WindowOhlcResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    window_minutes: z.number().int(),
    open: PositivePriceSchema,
    high: PositivePriceSchema,
    low: PositivePriceSchema,
    close: PositivePriceSchema,
    start_time: TimestampSchema.describe('The first tick of the window.'),
    end_time: TimestampSchema.describe('The last tick of the window.'),
    num_ticks: z.number().int().positive(),
  })
  .register(API_SCHEMAS, { id: 'WindowOhlcResponse' });

/** `expiry` omitted: the nearest live expiry. */
export const ExpiryQuerySchema = z.object({ expiry: ExpiryDateSchema.optional() });

/**
 * How many points of the PCR trend: a number (0 for none), or the original API's `true` (its 100
 * points) and `false` (none).
 */
const PcrHistorySchema = z
  .union([z.enum(['true', 'false']), z.coerce.number().int().min(0).max(LIST_LIMITS.pcrHistory.max)], {
    message: `must be true, false or a number of points from 0 to ${LIST_LIMITS.pcrHistory.max}`,
  })
  .default(LIST_LIMITS.pcrHistory.default)
  .transform((value) => (value === 'true' ? LIST_LIMITS.pcrHistory.default : value === 'false' ? 0 : value));

export const PcrQuerySchema = z.object({
  expiry: ExpiryDateSchema.optional(),
  history: PcrHistorySchema,
});
export const PcrPointSchema = z.object({
  timestamp: TimestampSchema,
  pcr_oi: z.number().nullable(),
  pcr_volume: z.number().nullable(),
});
export const PcrLatestSchema = PcrPointSchema.extend({
  expiry: ExpiryDateSchema,
  total_call_oi: QuantitySchema,
  total_put_oi: QuantitySchema,
});
export const PcrResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    /** The expiry of `history`: the one asked for, else the nearest live one. */
    expiry: ExpiryDateSchema,
    latest: z
      .array(PcrLatestSchema)
      .describe(
        "The latest PCR of each live expiry, nearest first (the original API's list: `latest[0]` is the nearest); with `expiry`, of that expiry alone.",
      ),
    /** Oldest first, at most `history` points. */
    history: z.array(PcrPointSchema),
  })
  .register(API_SCHEMAS, { id: 'PcrResponse' });

/** An implied volatility as a chart point: positive, or null where there is none (never 0). */
const IvPointSchema = z.number().positive().nullable();

/** The IV surface in packages/core's one shape: iv[expiry index][strike index], null where missing. */
export const VolatilitySurfaceResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    timestamp: TimestampSchema,
    spot: PositivePriceSchema,
    expiries: z.array(ExpiryDateSchema),
    strikes: z.array(PositivePriceSchema),
    moneyness: z.array(z.number()).describe('strikes[k] / spot.'),
    iv: z
      .array(z.array(IvPointSchema))
      .describe(
        'iv[expiry index][strike index]: the out-of-the-money IV (puts below spot, calls above); null where the expiry has no quote at the strike or its premium carried no IV, never 0.',
      ),
    atm_iv: z.array(IvPointSchema).describe("Each expiry's atm_iv, in `expiries` order: the term structure."),
  })
  .register(API_SCHEMAS, { id: 'VolatilitySurfaceResponse' });

export const MaxPainResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    expiry: ExpiryDateSchema,
    timestamp: TimestampSchema,
    spot_price: PositivePriceSchema,
    max_pain_strike: PositivePriceSchema,
    /** max_pain_strike − spot_price, and as a percentage of spot (the original API's names). */
    distance_from_spot: z.number(),
    distance_pct: z.number(),
    total_call_oi: ChainMetricsSchema.shape.total_call_oi,
    total_put_oi: ChainMetricsSchema.shape.total_put_oi,
    payout_curve: z
      .object({
        strikes: z.array(PositivePriceSchema),
        call_payout: z.array(z.number()),
        put_payout: z.array(z.number()),
        total_payout: z.array(z.number()),
      })
      .describe(
        "What holders would collect if the underlying settled at each strike: Σ open interest (contracts) × intrinsic value, per unit of the underlying. The lot size is left out (it scales every strike alike, so the minimum stays put); multiply by the product's lot_size for currency.",
      ),
  })
  .register(API_SCHEMAS, { id: 'MaxPainResponse' });

/** One side of a strike, the fields (and their meaning) of the chain's enriched quote. */
const SideBuildupSchema = EnrichedOptionQuoteSchema.pick({
  open_interest: true,
  oi_change: true,
  price_change: true,
  buildup: true,
});
export const OiBuildupResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    expiry: ExpiryDateSchema,
    timestamp: TimestampSchema,
    spot_price: PositivePriceSchema,
    strikes: z.array(
      z.object({
        strike: PositivePriceSchema,
        call: SideBuildupSchema.nullable(),
        put: SideBuildupSchema.nullable(),
      }),
    ),
    call_buildup_otm: ChainMetricsSchema.shape.call_buildup_otm,
    put_buildup_otm: ChainMetricsSchema.shape.put_buildup_otm,
    /** How many quotes fall in each class, per side. */
    counts: z.object({
      call: z.record(BuildupSchema, z.number().int()),
      put: z.record(BuildupSchema, z.number().int()),
    }),
  })
  .register(API_SCHEMAS, { id: 'OiBuildupResponse' });

const SideGreeksSchema = EnrichedOptionQuoteSchema.pick({
  iv: true,
  delta: true,
  gamma: true,
  vega: true,
  theta: true,
  rho: true,
});
export const GreeksResponseSchema = z
  .object({
    product: ProductSymbolSchema,
    expiry: ExpiryDateSchema,
    timestamp: TimestampSchema,
    spot_price: PositivePriceSchema,
    time_to_expiry_years: z.number(),
    /** Vega and rho per 1 vol point / 1% rate; theta per day of the product's day count. */
    conventions: EnrichedChainSchema.shape.conventions,
    strikes: z.array(
      z.object({
        strike: PositivePriceSchema,
        call: SideGreeksSchema.nullable(),
        put: SideGreeksSchema.nullable(),
      }),
    ),
  })
  .register(API_SCHEMAS, { id: 'GreeksResponse' });

/** A chain a user brings: quotes with prices, volume and OI; IV and Greeks are solved here. */
export const AnalyzeQuoteSchema = z
  .object({
    strike: PositivePriceSchema,
    option_type: OptionTypeSchema,
    bid: PriceSchema.optional(),
    ask: PriceSchema.optional(),
    last: PriceSchema,
    volume: QuantitySchema.default(0),
    open_interest: QuantitySchema,
    previous_open_interest: QuantitySchema.optional().describe(
      "The contract's open interest at the previous session's close, the base of oi_change. Omitted: the current open interest (oi_change 0).",
    ),
    previous_premium: PriceSchema.optional().describe(
      "The contract's premium at the previous session's close (its mid when both sides were quoted, else its last), the base of price_change. Omitted: price_change is null and the build-up NEUTRAL.",
    ),
    previous_last: PriceSchema.optional().meta({
      deprecated: true,
      description:
        'Former name of previous_premium, still read as the previous premium; previous_premium wins when both are sent.',
    }),
  })
  .refine((q) => q.bid === undefined || q.ask === undefined || q.ask === 0 || q.bid <= q.ask, {
    message: 'bid must not exceed ask',
    path: ['bid'],
  });
export const AnalyzeRequestSchema = z
  .object({
    /**
     * A catalogue product supplies lot size, pricing conventions and the expiry's closing time; `lot_size`
     * and `conventions` override them. Without one: Black-Scholes-Merton, rate 0, dividend yield 0,
     * ACT/365, lot size 1, expiring at 23:59 UTC on `expiry`, unless given.
     */
    product: ProductSymbolSchema.optional(),
    spot_price: PositivePriceSchema,
    expiry: ExpiryDateSchema,
    /** Valuation instant (default now); must be before the expiry's close. */
    timestamp: TimestampSchema.optional(),
    lot_size: z.number().int().positive().optional(),
    conventions: EnrichedChainSchema.shape.conventions.partial().optional(),
    quotes: z
      .array(AnalyzeQuoteSchema)
      .min(1, 'must hold at least one quote')
      .max(2000)
      .describe(
        'With previous_* on any quote the chain is measured against that previous close (change_base previous_close); a quote without them is its own base. With none, every change is 0 (change_base session_first). There is no previous snapshot: the snapshot_* changes are null.',
      ),
  })
  .register(API_SCHEMAS, { id: 'AnalyzeRequest' });
/** The chain enriched exactly as the worker enriches live ones (IV, Greeks, every metric), plus chart series. */
export const AnalyzeResponseSchema = z
  .object({
    chain: EnrichedChainSchema,
    smile: z
      .object({
        strikes: z.array(z.number()),
        call_iv: z.array(IvPointSchema),
        put_iv: z.array(IvPointSchema),
        otm_iv: z.array(IvPointSchema),
      })
      .describe(
        'IV by ascending strike; otm_iv takes puts below spot, calls above and their mean at spot. null where a quote has no IV, never 0.',
      ),
    max_pain: MaxPainResponseSchema.shape.payout_curve,
  })
  .register(API_SCHEMAS, { id: 'AnalyzeResponse' });

// --- operations ----------------------------------------------------------------------------------

/** `GET /health`: the process is up (liveness), in the original API gateway's shape. */
export const LivenessResponseSchema = z
  .object({ status: z.literal('healthy'), service: z.literal('web') })
  .register(API_SCHEMAS, { id: 'LivenessResponse' });

/** `GET /ready`: 200 when both stores answer, 503 naming the one that does not. */
export const ReadinessResponseSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    redis: z.enum(['ok', 'down']),
    postgres: z.enum(['ok', 'down']),
  })
  .register(API_SCHEMAS, { id: 'ReadinessResponse' });

export type ProductsResponse = z.infer<typeof ProductsResponseSchema>;
export type UnderlyingResponse = z.infer<typeof UnderlyingResponseSchema>;
export type ChainResponse = z.infer<typeof ChainResponseSchema>;
export type ExpiriesResponse = z.infer<typeof ExpiriesResponseSchema>;
export type OhlcResponse = z.infer<typeof OhlcResponseSchema>;
export type WindowOhlcResponse = z.infer<typeof WindowOhlcResponseSchema>;
export type PcrResponse = z.infer<typeof PcrResponseSchema>;
export type VolatilitySurfaceResponse = z.infer<typeof VolatilitySurfaceResponseSchema>;
export type MaxPainResponse = z.infer<typeof MaxPainResponseSchema>;
export type OiBuildupResponse = z.infer<typeof OiBuildupResponseSchema>;
export type GreeksResponse = z.infer<typeof GreeksResponseSchema>;
export type AnalyzeRequest = z.infer<typeof AnalyzeRequestSchema>;
export type AnalyzeResponse = z.infer<typeof AnalyzeResponseSchema>;
export type ReadinessResponse = z.infer<typeof ReadinessResponseSchema>;
