/**
 * The payloads of the live stream (Socket.IO), one schema each. Names and shapes follow the original
 * DeltaStream gateway, whose clients keep working: anything added to one of its payloads is an extra
 * field, never a renamed or retyped one.
 */
import { z } from 'zod';
import { ExpiryDateSchema, ProductSymbolSchema } from '../schemas/primitives';
import { ProductListingSchema } from '../schemas/product';

export const SubscriptionTypeSchema = z.enum(['product', 'chain']);
export type SubscriptionType = z.infer<typeof SubscriptionTypeSchema>;

const SubscriptionFieldsSchema = z.object({
  type: SubscriptionTypeSchema,
  /** Matched to the catalogue case-insensitively; the gateway answers with the catalogue's spelling. */
  symbol: z.string().min(1).max(64),
  /**
   * Chains only. Without it a chain subscription follows the product's nearest live expiry, as the
   * original did; with it, that expiry's chain.
   */
  expiry: ExpiryDateSchema.optional(),
});

/** What `subscribe` and `unsubscribe` carry: `{ type: 'product' | 'chain', symbol, expiry? }`. */
export const SubscriptionRequestSchema = SubscriptionFieldsSchema.refine(
  (request) => request.type === 'chain' || request.expiry === undefined,
  { path: ['expiry'], message: 'only a chain subscription names an expiry' },
);
export type SubscriptionRequest = z.input<typeof SubscriptionRequestSchema>;

/** A subscription as the gateway holds it, its symbol in the catalogue's spelling. */
export type Subscription = z.infer<typeof SubscriptionRequestSchema>;

/** `subscribed` / `unsubscribed`: the original's `{ room, message }`, plus the subscription itself. */
export const SubscriptionReplySchema = SubscriptionFieldsSchema.extend({
  symbol: ProductSymbolSchema,
  room: z.string(),
  message: z.string(),
});
export type SubscriptionReply = z.infer<typeof SubscriptionReplySchema>;

/** The greeting on connect: the original's `{ message, client_id, rooms }`, plus who is connected. */
export const ConnectedSchema = z.object({
  message: z.string(),
  client_id: z.string(),
  rooms: z.array(z.string()),
  /** The signed-in user's e-mail; null for an anonymous connection (public market data). */
  user: z.string().nullable(),
});
export type Connected = z.infer<typeof ConnectedSchema>;

/** The answer to `get_products`: the original's list of symbols, and the catalogue's entries beside it. */
export const ProductListSchema = z.object({
  products: z.array(ProductSymbolSchema),
  catalogue: z.array(ProductListingSchema),
});
export type ProductList = z.infer<typeof ProductListSchema>;

/**
 * Why a client event was refused, or why the connection is about to close. TOKEN_REVOKED,
 * TOKEN_EXPIRED and a RATE_LIMITED that ends the connection come just before the gateway closes it.
 */
export const ClientErrorCodeSchema = z.enum([
  'INVALID_PAYLOAD',
  'UNKNOWN_SYMBOL',
  'TOO_MANY_SUBSCRIPTIONS',
  'RATE_LIMITED',
  /** The subscription holds, but its latest data cannot be read now: live updates follow when they come. */
  'SNAPSHOT_UNAVAILABLE',
  'TOKEN_REVOKED',
  'TOKEN_EXPIRED',
]);
export type ClientErrorCode = z.infer<typeof ClientErrorCodeSchema>;

/** `error`: the original's `{ message }`, plus a code to act on. */
export const ClientErrorSchema = z.object({ code: ClientErrorCodeSchema, message: z.string() });
export type ClientError = z.infer<typeof ClientErrorSchema>;
