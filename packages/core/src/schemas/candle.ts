import { z } from 'zod';
import { PositivePriceSchema, ProductSymbolSchema, QuantitySchema, TimestampSchema } from './primitives';

/** OHLC bar of the underlying over [bucket_start, bucket_start + interval_seconds). */
export const CandleSchema = z.object({
  product: ProductSymbolSchema,
  interval_seconds: z.number().int().positive(),
  bucket_start: TimestampSchema,
  open: PositivePriceSchema,
  high: PositivePriceSchema,
  low: PositivePriceSchema,
  close: PositivePriceSchema,
  volume: QuantitySchema,
  ticks: z.number().int().positive(),
});
export type Candle = z.infer<typeof CandleSchema>;
