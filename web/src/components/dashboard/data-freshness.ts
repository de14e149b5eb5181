import type { ConnectionState } from '../../client/use-live-market';

/**
 * How old the newest data may be before the dashboard stops looking live. The feed sends ticks several
 * times a second and a chain every second by default; 15 s without either is an outage, not a lull.
 */
export const STALE_AFTER_MS = 15_000;

export type Freshness = { stale: false } | { stale: true; sinceMs: number };

/**
 * Whether what is on screen is current, from the data's own timestamps (the last tick, the last chain)
 * and the socket. Older than STALE_AFTER_MS, the data is stale since its newest timestamp whatever the
 * socket says: a connected socket over a stopped worker delivers nothing. Offline, nothing can arrive,
 * so it is stale at once. Before any data has arrived there is nothing to mistrust.
 */
export function dataFreshness(
  timestamps: readonly (string | null | undefined)[],
  nowMs: number,
  connection: ConnectionState,
): Freshness {
  const known = timestamps.flatMap((timestamp) => (timestamp ? [Date.parse(timestamp)] : []));
  if (known.length === 0) return { stale: false };
  const newestMs = Math.max(...known);
  return connection === 'offline' || nowMs - newestMs > STALE_AFTER_MS
    ? { stale: true, sinceMs: newestMs }
    : { stale: false };
}
