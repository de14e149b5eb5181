import { z } from 'zod';
import { ProductSymbolSchema, TimestampSchema } from '../schemas';

/**
 * The changes of alerts' evaluation states one worker won from one observation (firings, re-arms, new
 * references), sent to the other replicas (`CHANNELS.alertStateChanged`) so that their in-memory copies
 * follow at once rather than at their next read of the product's alerts. One message per observation,
 * however many alerts it moved. Worker to worker; not part of the public API.
 */
export const AlertStateChangesSchema = z.object({
  product: ProductSymbolSchema,
  /** The data timestamp of the observation that made the changes. */
  state_data_ts: TimestampSchema,
  changes: z
    .array(
      z.object({
        alert_id: z.uuid(),
        armed: z.boolean(),
        reference: z.number().finite().nullable(),
      }),
    )
    .min(1),
});
export type AlertStateChanges = z.infer<typeof AlertStateChangesSchema>;
