import { z } from 'zod';
import { ROOMS } from '@deltastream/bus/rooms';

export const SubscriptionSchema = z.object({
  type: z.enum(['product', 'chain']),
  symbol: z.string().min(1).max(64),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/** TOKEN_REVOKED and TOKEN_EXPIRED come just before the gateway closes the connection. */
export type ClientErrorCode =
  'INVALID_PAYLOAD' | 'UNKNOWN_SYMBOL' | 'TOO_MANY_SUBSCRIPTIONS' | 'TOKEN_REVOKED' | 'TOKEN_EXPIRED';
export interface ClientError {
  code: ClientErrorCode;
  message: string;
}

export function roomOf({ type, symbol }: Subscription): string {
  return type === 'product' ? ROOMS.product(symbol) : ROOMS.chain(symbol);
}

export function isSubscriptionRoom(room: string): boolean {
  return room.startsWith('product:') || room.startsWith('chain:');
}

/** Validates a `subscribe`/`unsubscribe` payload against the catalogue; plain data in, plain data out. */
export function parseSubscription(
  payload: unknown,
  symbols: ReadonlySet<string>,
): { ok: true; subscription: Subscription } | { ok: false; error: ClientError } {
  const parsed = SubscriptionSchema.safeParse(payload);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'INVALID_PAYLOAD',
        message: `expected { type: 'product' | 'chain', symbol }: ${detail}`,
      },
    };
  }
  const symbol = parsed.data.symbol.toUpperCase();
  if (!symbols.has(symbol)) {
    return { ok: false, error: { code: 'UNKNOWN_SYMBOL', message: `unknown product ${parsed.data.symbol}` } };
  }
  return { ok: true, subscription: { type: parsed.data.type, symbol } };
}

/**
 * Whether joining `room` would take the socket past `max` subscriptions. Re-subscribing to a room
 * the socket is already in is always allowed (it only resends the snapshot).
 */
export function exceedsSubscriptionLimit(joined: Iterable<string>, room: string, max: number): boolean {
  let count = 0;
  for (const r of joined) {
    if (r === room) return false;
    if (isSubscriptionRoom(r)) count += 1;
  }
  return count >= max;
}
