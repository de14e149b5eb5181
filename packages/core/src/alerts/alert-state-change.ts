import { z } from 'zod';
import { ProductSymbolSchema, TimestampSchema } from '../schemas';

/**
 * A change of an alert's evaluation state won by one worker (a firing, a re-arm, a new reference), sent to
 * the other replicas (`CHANNELS.alertStateChanged`) so that their in-memory copies follow at once rather
 * than at their next read of the product's alerts. Worker to worker; not part of the public API.
 */
export const AlertStateChangeSchema = z.object({
  alert_id: z.uuid(),
  product: ProductSymbolSchema,
  armed: z.boolean(),
  reference: z.number().finite().nullable(),
  /** The data timestamp of the observation that made the change. */
  state_data_ts: TimestampSchema,
});
export type AlertStateChange = z.infer<typeof AlertStateChangeSchema>;
