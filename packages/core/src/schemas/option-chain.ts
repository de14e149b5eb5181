import { z } from 'zod';
import { OptionQuoteSchema } from './option-quote';
import {
  ExpiryDateSchema,
  PositivePriceSchema,
  ProductSymbolSchema,
  QuantitySchema,
  TimestampSchema,
} from './primitives';

/** Most strikes a single chain may carry; bounds the work one message can ask of the worker. */
export const MAX_STRIKES_PER_CHAIN = 1000;

/**
 * One snapshot of an option chain for one product and one expiry (original DeltaStream shape:
 * `strikes`, `calls`, `puts`). `seq` is the feed's per-(product, expiry) sequence number and
 * `prev_seq` the seq of the snapshot the feed sent before it for the same expiry (absent on the first
 * after a start): OI change is measured against exactly that snapshot.
 */
export const OptionChainSchema = z
  .object({
    product: ProductSymbolSchema,
    expiry: ExpiryDateSchema,
    spot_price: PositivePriceSchema,
    strikes: z.array(PositivePriceSchema).min(1).max(MAX_STRIKES_PER_CHAIN),
    calls: z.array(OptionQuoteSchema).max(MAX_STRIKES_PER_CHAIN),
    puts: z.array(OptionQuoteSchema).max(MAX_STRIKES_PER_CHAIN),
    timestamp: TimestampSchema,
    seq: QuantitySchema,
    prev_seq: QuantitySchema.nullable().optional(),
  })
  .superRefine((chain, ctx) => {
    if (chain.prev_seq !== undefined && chain.prev_seq !== null && chain.prev_seq >= chain.seq) {
      ctx.addIssue({ code: 'custom', path: ['prev_seq'], message: 'must be lower than seq' });
    }
    const strikes = new Set(chain.strikes);
    if (strikes.size !== chain.strikes.length) {
      ctx.addIssue({ code: 'custom', path: ['strikes'], message: 'strikes must be unique' });
    }
    for (const side of ['calls', 'puts'] as const) {
      const expectedType = side === 'calls' ? 'CALL' : 'PUT';
      const seen = new Set<number>();
      chain[side].forEach((quote, i) => {
        if (quote.option_type !== expectedType) {
          ctx.addIssue({
            code: 'custom',
            path: [side, i, 'option_type'],
            message: `must be ${expectedType}`,
          });
        }
        if (!strikes.has(quote.strike)) {
          ctx.addIssue({ code: 'custom', path: [side, i, 'strike'], message: 'strike is not in strikes' });
        }
        if (seen.has(quote.strike)) {
          ctx.addIssue({ code: 'custom', path: [side, i, 'strike'], message: 'duplicate strike' });
        }
        seen.add(quote.strike);
        if (quote.product !== chain.product) {
          ctx.addIssue({
            code: 'custom',
            path: [side, i, 'product'],
            message: 'must match the chain product',
          });
        }
        if (quote.expiry !== chain.expiry) {
          ctx.addIssue({ code: 'custom', path: [side, i, 'expiry'], message: 'must match the chain expiry' });
        }
      });
    }
  });
export type OptionChain = z.infer<typeof OptionChainSchema>;
