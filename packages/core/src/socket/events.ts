/**
 * The live stream's contract: every event name, what each carries, and the typed event maps Socket.IO
 * takes (`Server<ClientToServerEvents, ServerToClientEvents>` on the gateway,
 * `Socket<ServerToClientEvents, ClientToServerEvents>` in a client). Browser-safe: zod and core's
 * schemas only.
 */
import type { z } from 'zod';
import { FiredAlertSchema } from '../alerts/alert-schema';
import { ChainSummarySchema, EnrichedChainSchema, EnrichedUnderlyingSchema } from '../schemas';
import {
  ClientErrorSchema,
  ConnectedSchema,
  ProductListSchema,
  SubscriptionReplySchema,
  type ClientError,
  type ProductList,
  type SubscriptionReply,
  type SubscriptionRequest,
} from './payloads';

/** Events the gateway sends (the original DeltaStream names). */
export const SERVER_EVENTS = {
  connected: 'connected',
  subscribed: 'subscribed',
  unsubscribed: 'unsubscribed',
  products: 'products',
  underlyingUpdate: 'underlying_update',
  /** To `general`: one product-level summary per chain update of the product's nearest live expiry. */
  chainSummary: 'chain_summary',
  /** To the chain's subscribers: the full enriched chain. */
  chainUpdate: 'chain_update',
  /** To one user only (their `user:{id}` room): an alert of theirs fired. */
  alert: 'alert',
  error: 'error',
} as const;
export type ServerEvent = (typeof SERVER_EVENTS)[keyof typeof SERVER_EVENTS];

/** Events a client sends. */
export const CLIENT_EVENTS = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  getProducts: 'get_products',
} as const;
export type ClientEvent = (typeof CLIENT_EVENTS)[keyof typeof CLIENT_EVENTS];

/**
 * The namespace that offers connection state recovery: a client that reconnects within the window gets
 * the events it missed. Socket.IO's recovery appends an offset argument to every event, which a client
 * written for the original gateway (a python-socketio `def handler(data)`) cannot take, so the default
 * namespace `/` sends exactly `(payload)` and only clients that connect here get the offset.
 */
export const RECOVERABLE_NAMESPACE = '/recoverable';

/** The schema of each server event's payload, for clients that validate what they receive. */
export const SERVER_EVENT_SCHEMAS = {
  [SERVER_EVENTS.connected]: ConnectedSchema,
  [SERVER_EVENTS.subscribed]: SubscriptionReplySchema,
  [SERVER_EVENTS.unsubscribed]: SubscriptionReplySchema,
  [SERVER_EVENTS.products]: ProductListSchema,
  [SERVER_EVENTS.underlyingUpdate]: EnrichedUnderlyingSchema,
  [SERVER_EVENTS.chainSummary]: ChainSummarySchema,
  [SERVER_EVENTS.chainUpdate]: EnrichedChainSchema,
  [SERVER_EVENTS.alert]: FiredAlertSchema,
  [SERVER_EVENTS.error]: ClientErrorSchema,
} as const satisfies Record<ServerEvent, z.ZodType>;

/** Each server event's listener, taking the payload its schema describes. */
export type ServerToClientEvents = {
  [E in ServerEvent]: (payload: z.infer<(typeof SERVER_EVENT_SCHEMAS)[E]>) => void;
};

/**
 * A client may pass an acknowledgement callback as the last argument: it gets the same body as the
 * event the gateway answers with (`subscribed`, `unsubscribed`, `products` or `error`).
 */
export interface ClientToServerEvents {
  [CLIENT_EVENTS.subscribe]: (
    subscription: SubscriptionRequest,
    ack?: (reply: SubscriptionReply | ClientError) => void,
  ) => void;
  [CLIENT_EVENTS.unsubscribe]: (
    subscription: SubscriptionRequest,
    ack?: (reply: SubscriptionReply | ClientError) => void,
  ) => void;
  [CLIENT_EVENTS.getProducts]: (ack?: (reply: ProductList | ClientError) => void) => void;
}
