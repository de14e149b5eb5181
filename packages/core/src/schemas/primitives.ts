import { z } from 'zod';

/** Option side as it travels on the wire (original DeltaStream spelling). */
export const OptionTypeSchema = z.enum(['CALL', 'PUT']);
export type OptionType = z.infer<typeof OptionTypeSchema>;

/** Product symbols are upper-case tickers such as NIFTY, BANKNIFTY, AAPL, RELIANCE. */
export const ProductSymbolSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_&-]{0,31}$/, 'must be an upper-case ticker such as NIFTY or AAPL');
export type ProductSymbol = z.infer<typeof ProductSymbolSchema>;

/** A calendar date (YYYY-MM-DD) in the product's exchange time zone: a trading day, an expiry. */
export const ExchangeDateSchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** Expiry date of an option series, calendar date in the product's exchange time zone. */
export const ExpiryDateSchema = ExchangeDateSchema;

/** Instants travel as ISO-8601 strings with an offset (UTC `Z` from our own tiers). */
export const TimestampSchema = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

export const PriceSchema = z.number().finite().nonnegative();
export const PositivePriceSchema = z.number().finite().positive();
export const QuantitySchema = z.number().int().nonnegative();
