/**
 * The contract of the strategy routes: the analysis of a multi-leg position, presets built from the live
 * chain, and each user's saved strategies with their live P&L. Legs are packages/core's
 * (`@deltastream/core/strategy`), except that a leg sent here may leave out its entry price and IV to take
 * them from the live chain (strategy-legs.ts resolves them, for the routes and the dashboard alike).
 */
import { z } from 'zod';
import {
  PositivePriceSchema,
  PriceSchema,
  ProductSymbolSchema,
  TimestampSchema,
} from '@deltastream/core/schemas';
import {
  MAX_STRATEGY_LEGS,
  OptionLegSchema,
  PresetRequestSchema,
  PriceGridSchema,
  StrategyAnalysisSchema,
  StrategyMarketSchema,
  StrategyScenarioSchema,
  StrategySchema,
  UnderlyingLegSchema,
} from '@deltastream/core/strategy';
import { API_SCHEMAS } from './api-schemas';

/** Most strategies one user keeps: one more is a 409. */
export const MAX_SAVED_STRATEGIES_PER_USER = 100;

const legProduct = ProductSymbolSchema.optional().describe(
  "The strategy's product, when a leg names one: a leg of another product is refused (one strategy, one product).",
);

/**
 * An option leg as sent: core's leg, whose entry price and IV may be left to the live chain. Unknown
 * fields are refused, so a misspelt `entryPrice` cannot silently become the chain's price.
 */
export const OptionLegRequestSchema = z.strictObject({
  ...OptionLegSchema.shape,
  product: legProduct,
  entry_price: OptionLegSchema.shape.entry_price
    .optional()
    .describe(
      "Premium per unit of the underlying. Omitted: the live quote's ask to buy, its bid to sell (its last trade when it is not two-sided).",
    ),
  iv: OptionLegSchema.shape.iv
    .optional()
    .describe("Annualised (0.15 = 15%). Omitted: the live quote's solved IV."),
});
export type OptionLegRequest = z.infer<typeof OptionLegRequestSchema>;

export const UnderlyingLegRequestSchema = z.strictObject({
  ...UnderlyingLegSchema.shape,
  product: legProduct,
  entry_price: UnderlyingLegSchema.shape.entry_price
    .optional()
    .describe("Omitted: the market's spot_price (the futures price of a Black-76 product)."),
});

export const StrategyLegRequestSchema = z.discriminatedUnion('kind', [
  OptionLegRequestSchema,
  UnderlyingLegRequestSchema,
]);
export type StrategyLegRequest = z.infer<typeof StrategyLegRequestSchema>;

/** A strategy as sent: one product and its legs, each priced by the caller or by the live chain. */
const strategyRequestShape = {
  product: ProductSymbolSchema,
  legs: z
    .array(StrategyLegRequestSchema)
    .min(1, 'must hold at least one leg')
    .max(MAX_STRATEGY_LEGS, `must hold at most ${MAX_STRATEGY_LEGS} legs`),
};
export type StrategyRequest = { product: string; legs: StrategyLegRequest[] };

/** Every leg that names a product names the strategy's. */
function oneProduct(strategy: StrategyRequest, ctx: z.RefinementCtx): void {
  strategy.legs.forEach((leg, i) => {
    if (leg.product !== undefined && leg.product !== strategy.product) {
      ctx.addIssue({
        code: 'custom',
        path: ['legs', i, 'product'],
        message: `is ${leg.product}, but the strategy is in ${strategy.product}: one strategy holds one product`,
      });
    }
  });
}

const condorFromTheChain = {
  product: 'NIFTY',
  legs: [
    { kind: 'option', expiry: '2026-12-29', strike: 21_000, option_type: 'PUT', side: 'BUY', lots: 1 },
    { kind: 'option', expiry: '2026-12-29', strike: 21_200, option_type: 'PUT', side: 'SELL', lots: 1 },
    { kind: 'option', expiry: '2026-12-29', strike: 21_900, option_type: 'CALL', side: 'SELL', lots: 1 },
    { kind: 'option', expiry: '2026-12-29', strike: 22_100, option_type: 'CALL', side: 'BUY', lots: 1 },
  ],
};

export const StrategyAnalysisRequestSchema = z
  .strictObject({
    ...strategyRequestShape,
    market: StrategyMarketSchema.partial()
      .optional()
      .describe(
        "The market to value in; each field omitted comes from the latest chains of the product: spot_price and as_of from the most recent of them (as_of is now when no chain is read), atm_iv from each expiry's atm_iv.",
      ),
    grid: PriceGridSchema.optional().describe(
      'Underlying prices of the curves: a list, or {from, to, points}. Omitted: 501 prices over every strike and spot ± 4σ√T.',
    ),
    scenario: StrategyScenarioSchema.prefault({}).describe(
      'The what-if of the `scenario` figures and the `pnl` curve: days forward and an IV shift in vol points.',
    ),
  })
  .superRefine(oneProduct)
  .meta({
    examples: [
      condorFromTheChain,
      {
        product: 'NIFTY',
        legs: [
          {
            kind: 'option',
            expiry: '2026-12-29',
            strike: 21_500,
            option_type: 'CALL',
            side: 'BUY',
            lots: 2,
            entry_price: 182.5,
            iv: 0.142,
          },
          { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 21_540 },
        ],
        market: { spot_price: 21_537, as_of: '2026-12-01T05:00:00Z', atm_iv: { '2026-12-29': 0.14 } },
        grid: { from: 20_500, to: 22_500, points: 201 },
        scenario: { days_forward: 7, iv_shift_pct: -1 },
      },
    ],
  })
  .register(API_SCHEMAS, { id: 'StrategyAnalysisRequest' });
export type StrategyAnalysisRequest = z.infer<typeof StrategyAnalysisRequestSchema>;

export const StrategyAnalysisResponseSchema = z
  .object({
    strategy: StrategySchema.describe(
      'The strategy as valued: every leg with its entry price and IV, those left out taken from the live chain.',
    ),
    market: StrategyMarketSchema,
    analysis: StrategyAnalysisSchema,
  })
  .register(API_SCHEMAS, { id: 'StrategyAnalysisResponse' });
export type StrategyAnalysisResponse = z.infer<typeof StrategyAnalysisResponseSchema>;

export const StrategyPresetRequestSchema = z
  .strictObject({ product: ProductSymbolSchema, ...PresetRequestSchema.shape })
  .meta({
    examples: [
      { product: 'NIFTY', preset: 'iron-condor' },
      {
        product: 'NIFTY',
        preset: 'calendar-spread',
        expiry: '2026-12-01',
        far_expiry: '2026-12-29',
        lots: 2,
      },
    ],
  })
  .register(API_SCHEMAS, { id: 'StrategyPresetRequest' });
export type StrategyPresetRequest = z.input<typeof StrategyPresetRequestSchema>;

export const SaveStrategyRequestSchema = z
  .strictObject({ name: z.string().trim().min(1, 'is required').max(100), ...strategyRequestShape })
  .superRefine(oneProduct)
  .meta({ examples: [{ name: 'December condor', ...condorFromTheChain }] })
  .register(API_SCHEMAS, { id: 'SaveStrategyRequest' });
export type SaveStrategyRequest = z.input<typeof SaveStrategyRequestSchema>;

/**
 * A saved strategy against the latest chain of its product. "Live P&L" is two numbers: the mark-to-market
 * (what closing every leg at its mid now would make against its entry price) and the P&L at the nearest
 * expiry should the underlying stand then where it stands now.
 */
export const LiveStrategyPnlSchema = z
  .object({
    as_of: TimestampSchema.describe('The instant of the latest chain the P&L is measured at.'),
    spot_price: PositivePriceSchema,
    legs: z
      .array(
        z.object({
          mark: PriceSchema.nullable().describe(
            "The leg's price now: the latest quote's premium (its mid when two-sided, else its last trade); the spot for an underlying leg. Null when the live chain has no price for the contract.",
          ),
          pnl: z
            .number()
            .finite()
            .nullable()
            .describe('(mark − entry_price) × lots × lot size, negated for a sold leg.'),
        }),
      )
      .describe("One per leg, in the strategy's order."),
    mark_to_market_pnl: z
      .number()
      .finite()
      .nullable()
      .describe("The legs' P&L summed: closing the whole position at mid now. Null while a leg has no mark."),
    pnl_at_expiry_at_spot: z
      .number()
      .finite()
      .nullable()
      .describe(
        "The P&L at the nearest expiry if the underlying is then at today's spot: expiring legs at intrinsic value, later legs at the model with the latest chain's IV of their contract (their saved IV where the chain has none). Null once a leg has expired.",
      ),
  })
  .register(API_SCHEMAS, { id: 'LiveStrategyPnl' });
export type LiveStrategyPnl = z.infer<typeof LiveStrategyPnlSchema>;

export const SavedStrategySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    created_at: z.iso.datetime({ offset: true }),
    strategy: StrategySchema,
    live: LiveStrategyPnlSchema.nullable().describe('Null when the product has no live chain.'),
  })
  .register(API_SCHEMAS, { id: 'SavedStrategy' });
export type SavedStrategyJson = z.infer<typeof SavedStrategySchema>;

export const SavedStrategyListResponseSchema = z
  .object({
    strategies: z.array(SavedStrategySchema).describe('Newest first.'),
    max_strategies: z.number().int().describe('Most strategies a user keeps.'),
  })
  .register(API_SCHEMAS, { id: 'SavedStrategyListResponse' });
export type SavedStrategyListResponse = z.infer<typeof SavedStrategyListResponseSchema>;

export const DeletedStrategyResponseSchema = z
  .object({ deleted: z.literal(true), id: z.uuid() })
  .register(API_SCHEMAS, { id: 'DeletedStrategyResponse' });

export const StrategyIdPathSchema = z.object({ id: z.uuid('must be a saved strategy id') });
