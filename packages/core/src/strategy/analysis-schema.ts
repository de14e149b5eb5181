import { z } from 'zod';
import {
  ExpiryDateSchema,
  PositivePriceSchema,
  PriceSchema,
  PricingConventionsSchema,
  ProductSymbolSchema,
  TimestampSchema,
} from '../schemas';
import { StrategySchema, VolatilitySchema } from './strategy-schema';

/**
 * The market a strategy is valued in: the underlying its options are written on (spot for a
 * Black-Scholes-Merton product, the futures price for a Black-76 product), the instant of that price, and
 * the ATM implied volatility of each expiry (the chains' `atm_iv`), which sets the law of probability of
 * profit and expected P&L. strategyMarketFromChains builds it from enriched chains.
 */
export const StrategyMarketSchema = z.object({
  spot_price: PositivePriceSchema,
  as_of: TimestampSchema,
  atm_iv: z.record(ExpiryDateSchema, VolatilitySchema),
});
export type StrategyMarket = z.infer<typeof StrategyMarketSchema>;

/**
 * A what-if: value the strategy `days_forward` calendar days after `as_of` (fractions allowed; under
 * BUS/252 weekends and holidays age nothing), with every leg's IV moved by `iv_shift_pct` vol points
 * (+2 = 20% → 22%; a leg that would go below zero is valued at zero volatility).
 */
export const StrategyScenarioSchema = z.object({
  days_forward: z.number().finite().nonnegative().max(3660).default(0),
  iv_shift_pct: z.number().finite().min(-100).max(100).default(0),
});
export type StrategyScenario = z.infer<typeof StrategyScenarioSchema>;

/** Most prices one curve may hold; bounds the work one request can ask for. */
export const MAX_GRID_POINTS = 5000;

/**
 * The underlying prices a P&L curve is evaluated at: a list (any order), or `points` evenly spaced prices
 * from `from` to `to` inclusive.
 */
export const PriceGridSchema = z.union([
  z.array(PositivePriceSchema).min(1).max(MAX_GRID_POINTS),
  z
    .object({
      from: PositivePriceSchema,
      to: PositivePriceSchema,
      points: z.number().int().min(2).max(MAX_GRID_POINTS),
    })
    .refine((grid) => grid.from < grid.to, { message: 'must be below to', path: ['from'] }),
]);
export type PriceGrid = z.infer<typeof PriceGridSchema>;

/** What analyzeStrategy takes; `grid` defaults to defaultPriceGrid, `scenario` to today at market IVs. */
export const StrategyAnalysisInputSchema = z.object({
  strategy: StrategySchema,
  market: StrategyMarketSchema,
  grid: PriceGridSchema.optional(),
  scenario: StrategyScenarioSchema.prefault({}),
});
export type StrategyAnalysisInput = z.infer<typeof StrategyAnalysisInputSchema>;

/**
 * A closed range of underlying prices; `to` null runs on without bound. `from` 0 stands for the limit as
 * the price falls to 0.
 */
export const PriceRangeSchema = z.object({ from: PriceSchema, to: PriceSchema.nullable() });
export type PriceRange = z.infer<typeof PriceRangeSchema>;

/**
 * The highest (max profit) or lowest (max loss) P&L at expiry over every price in (0, ∞), in currency.
 * `unlimited`: the P&L grows (max profit) or falls (max loss) without bound as the price rises, and
 * `value` is null. `attained`: where the value is reached. When every option leg expires together the
 * P&L is piecewise linear and these are all the ranges, exactly; with far legs alive it is the lowest
 * price reaching it, and empty when the value is only approached as the price grows without bound.
 */
export const PnlExtremeSchema = z.object({
  unlimited: z.boolean(),
  value: z.number().finite().nullable(),
  attained: z.array(PriceRangeSchema),
});
export type PnlExtreme = z.infer<typeof PnlExtremeSchema>;

/**
 * Position Greeks: each leg's Greek times its signed units (± lots × lot size), summed. delta and gamma per
 * 1.00 of the underlying (delta in units of the underlying: +75 is long one NIFTY lot of the index), vega
 * and rho in currency per 1% (one vol point, one rate point), theta in currency per day of the product's
 * day count.
 */
export const NetGreeksSchema = z.object({
  delta: z.number().finite(),
  gamma: z.number().finite(),
  vega: z.number().finite(),
  theta: z.number().finite(),
  rho: z.number().finite(),
});
export type NetGreeks = z.infer<typeof NetGreeksSchema>;

/**
 * Everything the analytics say about one strategy, in currency of the whole position (units × lots).
 * `at_expiry` is at the nearest option expiry among the legs (later legs valued by the model with their
 * own IVs); `scenario` at the what-if instant and IV shift; `curve` both P&L curves over the grid.
 * P&L is value minus entry cost; `net_premium` > 0 is a debit paid, < 0 a credit received.
 */
export const StrategyAnalysisSchema = z.object({
  product: ProductSymbolSchema,
  as_of: TimestampSchema,
  spot_price: PositivePriceSchema,
  lot_size: z.number().int().positive(),
  conventions: PricingConventionsSchema,
  nearest_expiry: ExpiryDateSchema,
  days_to_nearest_expiry: z.number().finite().nonnegative(),
  net_premium: z.number().finite(),
  at_expiry: z.object({
    breakevens: z.array(PositivePriceSchema),
    profitable_ranges: z.array(PriceRangeSchema),
    max_profit: PnlExtremeSchema,
    max_loss: PnlExtremeSchema,
    /** Null when the market carries no ATM IV for the nearest expiry. */
    probability_of_profit: z.number().min(0).max(1).nullable(),
    expected_pnl: z.number().finite().nullable(),
    /**
     * spot × ATM IV × √T to the nearest expiry (oneSigmaMove): the ±1σ band a payoff chart shades. Null
     * when the market carries no ATM IV for the nearest expiry.
     */
    one_sigma_move: z.number().finite().nonnegative().nullable(),
  }),
  scenario: z.object({
    days_forward: z.number().finite().nonnegative(),
    iv_shift_pct: z.number().finite(),
    valuation_time: TimestampSchema,
    pnl_at_spot: z.number().finite(),
    breakevens: z.array(PositivePriceSchema),
    greeks: NetGreeksSchema,
  }),
  curve: z.object({
    prices: z.array(PositivePriceSchema),
    pnl_at_expiry: z.array(z.number().finite()),
    pnl: z.array(z.number().finite()),
  }),
});
export type StrategyAnalysis = z.infer<typeof StrategyAnalysisSchema>;
