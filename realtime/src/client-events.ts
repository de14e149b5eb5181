import { ROOMS } from '@deltastream/bus/rooms';
import {
  SubscriptionRequestSchema,
  type ClientError,
  type Subscription,
  type SubscriptionReply,
} from '@deltastream/core/socket';

export function roomOf({ type, symbol, expiry }: Subscription): string {
  if (type === 'product') return ROOMS.product(symbol);
  return expiry === undefined ? ROOMS.chain(symbol) : ROOMS.chainExpiry(symbol, expiry);
}

export function isSubscriptionRoom(room: string): boolean {
  return room.startsWith('product:') || room.startsWith('chain:');
}

/** `subscribed` / `unsubscribed` as the original worded them, with the subscription beside. */
export function subscriptionReply(
  subscription: Subscription,
  verb: 'Subscribed to' | 'Unsubscribed from',
): SubscriptionReply {
  const room = roomOf(subscription);
  return { ...subscription, room, message: `${verb} ${room}` };
}

/**
 * Validates a `subscribe`/`unsubscribe` payload with the contract's schema and matches its symbol to the
 * catalogue; plain data in, plain data out.
 */
export function parseSubscription(
  payload: unknown,
  symbols: ReadonlySet<string>,
): { ok: true; subscription: Subscription } | { ok: false; error: ClientError } {
  const parsed = SubscriptionRequestSchema.safeParse(payload);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'INVALID_PAYLOAD',
        message: `expected { type: 'product' | 'chain', symbol, expiry? }: ${detail}`,
      },
    };
  }
  const symbol = parsed.data.symbol.toUpperCase();
  if (!symbols.has(symbol)) {
    return { ok: false, error: { code: 'UNKNOWN_SYMBOL', message: `unknown product ${parsed.data.symbol}` } };
  }
  return { ok: true, subscription: { ...parsed.data, symbol } };
}

/**
 * Whether joining `room` would take the socket past `max` subscriptions. A room the socket is already
 * in is not a new subscription.
 */
export function exceedsSubscriptionLimit(joined: Iterable<string>, room: string, max: number): boolean {
  let count = 0;
  for (const r of joined) {
    if (r === room) return false;
    if (isSubscriptionRoom(r)) count += 1;
  }
  return count >= max;
}
