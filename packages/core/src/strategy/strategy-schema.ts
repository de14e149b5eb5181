import { z } from 'zod';
import {
  ExpiryDateSchema,
  OptionTypeSchema,
  PositivePriceSchema,
  PriceSchema,
  ProductSymbolSchema,
} from '../schemas';

/** Most legs one strategy may hold; bounds the work one request can ask for. */
export const MAX_STRATEGY_LEGS = 50;

export const TradeSideSchema = z.enum(['BUY', 'SELL']);
export type TradeSide = z.infer<typeof TradeSideSchema>;

/** Quantity in lots of the product (the product's lot_size units each). */
export const LotsSchema = z.number().int().min(1).max(100_000);

/** Annualised implied volatility, 0.2 = 20% (the chain's `iv`). */
export const VolatilitySchema = z.number().finite().nonnegative().max(5);

/**
 * One option position: `entry_price` is the premium per unit of the underlying (as quoted), `iv` the
 * volatility it is valued with (the chain's solved IV of that quote, or the trader's own).
 */
export const OptionLegSchema = z.object({
  kind: z.literal('option'),
  expiry: ExpiryDateSchema,
  strike: PositivePriceSchema,
  option_type: OptionTypeSchema,
  side: TradeSideSchema,
  lots: LotsSchema,
  entry_price: PriceSchema,
  iv: VolatilitySchema,
});
export type OptionLeg = z.infer<typeof OptionLegSchema>;

/**
 * A position in what the product's options are written on, priced like their underlying: the spot for a
 * Black-Scholes-Merton product, the futures price for a Black-76 product. Its P&L is
 * (price − entry_price) per unit, with no carry.
 */
export const UnderlyingLegSchema = z.object({
  kind: z.literal('underlying'),
  side: TradeSideSchema,
  lots: LotsSchema,
  entry_price: PositivePriceSchema,
});
export type UnderlyingLeg = z.infer<typeof UnderlyingLegSchema>;

export const StrategyLegSchema = z.discriminatedUnion('kind', [OptionLegSchema, UnderlyingLegSchema]);
export type StrategyLeg = z.infer<typeof StrategyLegSchema>;

/**
 * A multi-leg position in one product. The product is named once, so legs of two products cannot be
 * mixed; lot size, pricing model, rate, yield and day count come from the product's catalogue entry.
 * At least one leg must be an option: the strategy's horizon is its nearest option expiry.
 */
export const StrategySchema = z
  .object({
    product: ProductSymbolSchema,
    legs: z.array(StrategyLegSchema).min(1).max(MAX_STRATEGY_LEGS),
  })
  // An empty list is already reported by min(1).
  .refine((strategy) => strategy.legs.length === 0 || strategy.legs.some((leg) => leg.kind === 'option'), {
    message: 'needs at least one option leg',
    path: ['legs'],
  });
export type Strategy = z.infer<typeof StrategySchema>;
