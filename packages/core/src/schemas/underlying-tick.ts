import { z } from 'zod';
import { PositivePriceSchema, ProductSymbolSchema, QuantitySchema, TimestampSchema } from './primitives';

/** One price of the underlying, as the feed emits it. `tick_id` is the feed's per-product sequence. */
export const UnderlyingTickSchema = z.object({
  type: z.literal('UNDERLYING').default('UNDERLYING'),
  product: ProductSymbolSchema,
  price: PositivePriceSchema,
  volume: QuantitySchema.optional(),
  timestamp: TimestampSchema,
  tick_id: QuantitySchema,
});
export type UnderlyingTick = z.infer<typeof UnderlyingTickSchema>;

/** The tick after the worker has seen it: change against the session open. */
export const EnrichedUnderlyingSchema = UnderlyingTickSchema.extend({
  type: z.literal('UNDERLYING_ENRICHED'),
  change: z.number().finite(),
  change_pct: z.number().finite(),
  session_open: PositivePriceSchema,
  processed_at: TimestampSchema,
});
export type EnrichedUnderlying = z.infer<typeof EnrichedUnderlyingSchema>;
