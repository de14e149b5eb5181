import { z } from 'zod';
import {
  ExpiryDateSchema,
  OptionTypeSchema,
  type OptionType,
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

/** A contract's symbol: product, expiry as YYYYMMDD, C or P, strike (`NIFTY20261201C26200`). */
export function optionSymbol(
  product: string,
  expiry: string,
  optionType: OptionType,
  strike: number,
): string {
  return `${product}${expiry.replaceAll('-', '')}${optionType === 'CALL' ? 'C' : 'P'}${strike}`;
}

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
 * A quote with everything the worker computes. The descriptions are the contract and reach the OpenAPI
 * document (zod's toJSONSchema reads them).
 */
export const EnrichedOptionQuoteSchema = z.object({
  symbol: z.string(),
  product: ProductSymbolSchema,
  strike: PositivePriceSchema,
  expiry: ExpiryDateSchema,
  option_type: OptionTypeSchema,
  bid: PriceSchema.describe('Best bid; 0 when there is none.'),
  ask: PriceSchema.describe('Best ask; 0 when there is none.'),
  last: PriceSchema.describe('Last traded price; 0 when there was no trade.'),
  mid: PriceSchema.describe(
    'The premium every analytic reads: (bid + ask) / 2 when both are quoted, else last; 0 when the quote has no price at all.',
  ),
  volume: QuantitySchema.describe('Contracts traded in the current session.'),
  open_interest: QuantitySchema.describe(
    "Open contracts (each of the product's lot_size units of the underlying), not units.",
  ),
  oi_change: z
    .number()
    .int()
    .describe(
      "Open interest (contracts) now minus at the chain's change_base: the contract's close of the previous trading session (its last quote before the exchange's local date began; a contract never quoted before counts from 0), or after a fresh start its first quote of this session.",
    ),
  price_change: z
    .number()
    .finite()
    .nullable()
    .describe(
      'Premium (mid) now minus the premium at the same base as oi_change; null when either has no price (a new contract has none at its base).',
    ),
  buildup: BuildupSchema.describe(
    'The class of (price_change, oi_change) by the NSE price/OI convention: LONG_BUILDUP ↑↑, SHORT_BUILDUP ↓↑, SHORT_COVERING ↑↓, LONG_UNWINDING ↓↓; NEUTRAL when either is 0 or price_change is null.',
  ),
  snapshot_oi_change: z
    .number()
    .int()
    .nullable()
    .describe(
      "Open interest change since the previous snapshot of this expiry (the feed's prev_seq); null when that snapshot is unknown or lacks the contract.",
    ),
  snapshot_price_change: z
    .number()
    .finite()
    .nullable()
    .describe(
      'Premium (mid) change since the previous snapshot; null when that snapshot is unknown, lacks the contract, or either side has no price.',
    ),
  iv: z
    .number()
    .finite()
    .positive()
    .nullable()
    .describe(
      'Annualised implied volatility (0.15 = 15%) solved from mid, never copied from the source; null, never 0, when the premium carries no volatility information: no price, a price at or below intrinsic (no time value) or at the no-arbitrage maximum, or no time left.',
    ),
  delta: z.number().finite().nullable().describe('Per 1.00 of the underlying; null when iv is.'),
  gamma: z.number().finite().nullable().describe('Per 1.00 of the underlying, per unit; null when iv is.'),
  vega: z.number().finite().nullable().describe('Per volatility point (0.01); null when iv is.'),
  theta: z
    .number()
    .finite()
    .nullable()
    .describe(
      "Per day of the product's day count (calendar day, or business day under BUS/252); null when iv is.",
    ),
  rho: z.number().finite().nullable().describe('Per percentage point of the rate (0.01); null when iv is.'),
  timestamp: TimestampSchema,
});
export type EnrichedOptionQuote = z.infer<typeof EnrichedOptionQuoteSchema>;
