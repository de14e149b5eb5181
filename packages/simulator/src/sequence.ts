/**
 * Sequence numbers derived from the clock, which makes them deterministic and restart-safe at once:
 *   tick_id   = floor(timestamp_ms / tickIntervalMs)     tickIntervalMs  = round(1000 / ticks per second)
 *   chain seq = floor(timestamp_ms / chainIntervalMs)    per (product, expiry)
 * A restarted feed continues with larger ids (it cannot reuse an id of the past), two feeds stepping
 * at the same instants produce the same ids, and a replay keeps the ids it recorded, so the BullMQ
 * job ids built from them (`@deltastream/bus/job-id`) deduplicate a replay and the worker's unique
 * keys absorb anything BullMQ has already forgotten. One id per interval also bounds the rate: a
 * product emits at most one tick per tick interval and one chain per expiry per chain interval.
 * Ids are unique while an interval stays the same. After a change from interval a to b, a new id
 * equals one issued at instant t only at t·b/a: decades away for b/a = 2 (epoch milliseconds are
 * about 1.8e12), but weeks away for 500 → 501 ms. Change rates by large factors, or accept that the
 * worker may take one new tick for an old one.
 */

export interface FeedRates {
  /** Ticks per second per product. */
  ticksPerSecond: number;
  /** Milliseconds between two chain snapshots of one (product, expiry). */
  chainIntervalMs: number;
}

export function tickIntervalMs(ticksPerSecond: number): number {
  return Math.max(1, Math.round(1000 / ticksPerSecond));
}

export function tickIdAt(nowMs: number, intervalMs: number): number {
  return Math.floor(nowMs / intervalMs);
}

export function chainSeqAt(nowMs: number, chainIntervalMs: number): number {
  return Math.floor(nowMs / chainIntervalMs);
}

/** The next instant after `nowMs` at which a tick or a chain falls due: the simulator's step times. */
export function nextStepAtMs(nowMs: number, rates: FeedRates): number {
  const next = (interval: number) => (Math.floor(nowMs / interval) + 1) * interval;
  return Math.min(next(tickIntervalMs(rates.ticksPerSecond)), next(rates.chainIntervalMs));
}

/** The step instants of a run over [startMs, startMs + durationMs): startMs, then every boundary. */
export function* stepTimes(startMs: number, durationMs: number, rates: FeedRates): Generator<number> {
  for (let nowMs = startMs; nowMs < startMs + durationMs; nowMs = nextStepAtMs(nowMs, rates)) yield nowMs;
}
