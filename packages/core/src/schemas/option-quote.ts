import { z } from 'zod';
import {
  ExpiryDateSchema,
  OptionTypeSchema,
  PositivePriceSchema,
  PriceSchema,
  ProductSymbolSchema,
  QuantitySchema,
  TimestampSchema,
} from './primitives';

/**
 * A quote for one option contract as the feed (or a user) provides it. Greeks and IV are not part of
 * the raw quote: the worker solves IV from the quoted prices and derives Greeks itself.
 */
export const OptionQuoteSchema = z
  .object({
    symbol: z.string().min(1).max(64),
    product: ProductSymbolSchema,
    strike: PositivePriceSchema,
    expiry: ExpiryDateSchema,
    option_type: OptionTypeSchema,
    bid: PriceSchema,
    ask: PriceSchema,
    last: PriceSchema,
    volume: QuantitySchema,
    open_interest: QuantitySchema,
    timestamp: TimestampSchema,
  })
  .refine((q) => q.ask === 0 || q.bid <= q.ask, { message: 'bid must not exceed ask', path: ['bid'] });
export type OptionQuote = z.infer<typeof OptionQuoteSchema>;

/** OI build-up classes from the sign of price change vs OI change (NSE convention). */
export const BuildupSchema = z.enum([
  'LONG_BUILDUP',
  'SHORT_BUILDUP',
  'SHORT_COVERING',
  'LONG_UNWINDING',
  'NEUTRAL',
]);
export type Buildup = z.infer<typeof BuildupSchema>;

/**
 * A quote with everything the worker computes. `iv` is null when the quoted price carries no
 * volatility information (outside no-arbitrage bounds); Greeks are then null as well.
 * Units: vega per 1 vol point (1%), theta per calendar/trading day of the product's day count.
 */
export const EnrichedOptionQuoteSchema = z.object({
  symbol: z.string(),
  product: ProductSymbolSchema,
  strike: PositivePriceSchema,
  expiry: ExpiryDateSchema,
  option_type: OptionTypeSchema,
  bid: PriceSchema,
  ask: PriceSchema,
  last: PriceSchema,
  mid: PriceSchema,
  volume: QuantitySchema,
  open_interest: QuantitySchema,
  oi_change: z.number().int(),
  price_change: z.number().finite(),
  buildup: BuildupSchema,
  iv: z.number().finite().positive().nullable(),
  delta: z.number().finite().nullable(),
  gamma: z.number().finite().nullable(),
  vega: z.number().finite().nullable(),
  theta: z.number().finite().nullable(),
  rho: z.number().finite().nullable(),
  timestamp: TimestampSchema,
});
export type EnrichedOptionQuote = z.infer<typeof EnrichedOptionQuoteSchema>;
