/**
 * What one row of a route's CSV form is, where the JSON's own row arrays do not say it: a strike of a
 * chain (calls and puts side by side, as a chain is read), a strike of the payout curve, a cell of the
 * volatility surface, a point of the PCR trend. Fields keep their JSON names; object fields become dotted
 * columns (`call.iv`). Routes whose JSON already holds flat rows (ticks, candles, IV points, realised
 * volatility, term-structure curves) use those rows' schemas as they are.
 */
import { z } from 'zod';
import {
  EnrichedOptionQuoteSchema,
  ExpiryDateSchema,
  PositivePriceSchema,
  TimestampSchema,
} from '@deltastream/core/schemas';
import { PcrPointSchema } from './rest';

/** A quote as a chain row's side shows it: what the chain row already says (strike, expiry, time) left out. */
const ChainSideSchema = EnrichedOptionQuoteSchema.omit({
  product: true,
  strike: true,
  expiry: true,
  option_type: true,
  timestamp: true,
});

/** One strike of one chain: its call and its put (empty where the strike has none), as a chain table reads. */
export const ChainCsvRowSchema = z.object({
  expiry: ExpiryDateSchema,
  timestamp: TimestampSchema,
  spot_price: PositivePriceSchema,
  strike: PositivePriceSchema,
  call: ChainSideSchema.nullable(),
  put: ChainSideSchema.nullable(),
});

/** One strike of the max-pain payout curve. */
export const PayoutCsvRowSchema = z.object({
  strike: PositivePriceSchema,
  call_payout: z.number(),
  put_payout: z.number(),
  total_payout: z.number(),
});

/** One expiry × strike of the volatility surface (long form: a pivot table rebuilds the grid). */
export const SurfaceCsvRowSchema = z.object({
  expiry: ExpiryDateSchema,
  strike: PositivePriceSchema,
  moneyness: z.number(),
  iv: z.number().nullable(),
});

/** One point of the PCR trend, with the expiry it belongs to. */
export const PcrCsvRowSchema = z.object({ expiry: ExpiryDateSchema, ...PcrPointSchema.shape });

/** One live expiry. */
export const ExpiryCsvRowSchema = z.object({ expiry: ExpiryDateSchema });

export type ChainCsvRow = z.infer<typeof ChainCsvRowSchema>;
export type PayoutCsvRow = z.infer<typeof PayoutCsvRowSchema>;
export type SurfaceCsvRow = z.infer<typeof SurfaceCsvRowSchema>;
