// OHLC candles aligned to the wall clock of an exchange's time zone.
//
// A candle covers [bucket_start, next bucket_start). Buckets are laid on local wall-clock time:
//   - an interval shorter than a day starts at local midnight and repeats every interval, so 5-minute
//     candles in Asia/Kolkata start at 09:15 and 1-hour candles at :00 local (:30 UTC). An interval that
//     does not divide the day leaves a shorter last bucket that ends at midnight;
//   - an interval of one day or more must be whole days; it starts at local midnight, and multi-day
//     intervals count local days from Monday 1970-01-05, so 7-day candles are Monday-to-Sunday weeks.
// Daylight saving: buckets follow the wall clock, so the 1-day candle of a DST change lasts 23 or 25
// hours. When clocks fall back, the repeated wall hour yields two hourly candles, each starting at its own
// instant. When clocks jump forward, a wall time that never happens has no candle; a bucket whose wall
// start falls in the jump (e.g. Santiago's midnight on its spring-forward day) starts when the jump lands.
// Ticks with equal timestamps keep their input order, so the last of them closes the candle.

import type { Candle } from '../schemas';
import { timeZoneOffsetMs } from '../calendar';
import {
  AnalyticsInputError,
  invalidNumber,
  isFiniteNonNegative,
  isFinitePositive,
  requireTimeZone,
} from './input-checks';

/** One price print; UnderlyingTick fits as it is. */
export interface PriceTick {
  /** Epoch milliseconds, or ISO-8601 with an explicit offset (`Z`, `+05:30`). */
  timestamp: number | string;
  price: number;
  volume?: number;
}

export interface CandleSpec {
  product: string;
  intervalSeconds: number;
  /** IANA time zone whose wall clock the buckets follow; default UTC. */
  timeZone?: string;
}

/**
 * A Candle plus the times of its first and last tick, which an incremental update needs to keep open
 * and close right when ticks arrive out of order. Assignable to Candle (CandleSchema strips the extra).
 */
export interface LiveCandle extends Candle {
  first_tick_ms: number;
  last_tick_ms: number;
}

const DAY_MS = 86_400_000;
/** Days from 1970-01-01 (a Thursday) to Monday 1970-01-05, the anchor of multi-day buckets. */
const FIRST_MONDAY_EPOCH_DAY = 4;
const EXPLICIT_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/i;

function requireInterval(intervalSeconds: number): number {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds <= 0) {
    throw new AnalyticsInputError(
      'intervalSeconds',
      `must be a whole number of seconds > 0, got ${intervalSeconds}`,
    );
  }
  const intervalMs = intervalSeconds * 1000;
  if (intervalMs > DAY_MS && intervalMs % DAY_MS !== 0) {
    throw new AnalyticsInputError(
      'intervalSeconds',
      `beyond a day must be whole days, got ${intervalSeconds}`,
    );
  }
  return intervalMs;
}

function offsetMs(utcMs: number, timeZone: string): number {
  return timeZone === 'UTC' ? 0 : timeZoneOffsetMs(utcMs, timeZone);
}

/**
 * The instant at which the wall clock shows `wallMs` (a wall time written on a UTC axis). An ambiguous
 * wall time resolves to the occurrence that has the offset in force at `hintUtcMs` (the tick's), so
 * each repeated hour keeps its own bucket; a skipped one resolves to the end of the jump.
 */
function wallToUtcMs(wallMs: number, hintUtcMs: number, timeZone: string): number {
  const hintOffset = offsetMs(hintUtcMs, timeZone);
  const guess = wallMs - hintOffset;
  const guessOffset = offsetMs(guess, timeZone);
  if (guessOffset === hintOffset) return guess;
  const settled = wallMs - guessOffset;
  if (offsetMs(settled, timeZone) === guessOffset) return settled;
  // Neither offset shows wallMs: the clocks jumped over it, between the two candidates. Offsets change
  // on whole seconds, and both candidates are whole seconds, so bisect in seconds.
  let before = Math.min(guess, settled);
  let after = Math.max(guess, settled);
  const offsetAfter = offsetMs(after, timeZone);
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (offsetMs(middle, timeZone) === offsetAfter) after = middle;
    else before = middle;
  }
  return after;
}

interface Bucket {
  startMs: number;
  /** Instants before this one fall in the same bucket; equals startMs when an offset change is inside. */
  reusableUntilMs: number;
}

/**
 * The last bucket computed per time zone and interval. Consecutive ticks nearly always fall in it,
 * and reusing it saves the Intl look-ups. Bounded, since intervals can come from requests.
 */
const recentBuckets = new Map<string, Bucket>();
const MAX_RECENT_BUCKETS = 1024;

function bucketOf(utcMs: number, intervalMs: number, timeZone: string): Bucket {
  const key = `${timeZone} ${intervalMs}`;
  const recent = recentBuckets.get(key);
  if (recent !== undefined && utcMs >= recent.startMs && utcMs < recent.reusableUntilMs) return recent;

  const wallMs = utcMs + offsetMs(utcMs, timeZone);
  const day = Math.floor(wallMs / DAY_MS);
  let startWall: number;
  let endWall: number;
  if (intervalMs >= DAY_MS) {
    const days = intervalMs / DAY_MS;
    const startDay = FIRST_MONDAY_EPOCH_DAY + Math.floor((day - FIRST_MONDAY_EPOCH_DAY) / days) * days;
    startWall = startDay * DAY_MS;
    endWall = startWall + intervalMs;
  } else {
    const midnight = day * DAY_MS;
    startWall = midnight + Math.floor((wallMs - midnight) / intervalMs) * intervalMs;
    endWall = Math.min(startWall + intervalMs, midnight + DAY_MS);
  }
  const startMs = wallToUtcMs(startWall, utcMs, timeZone);
  const endMs = startMs + (endWall - startWall);
  // With one offset throughout, wall time and UTC advance together and the bucket ends at endMs.
  const uniform = offsetMs(startMs, timeZone) === offsetMs(endMs - 1, timeZone);
  const bucket = { startMs, reusableUntilMs: uniform ? endMs : startMs };
  if (recentBuckets.size >= MAX_RECENT_BUCKETS) recentBuckets.clear();
  recentBuckets.set(key, bucket);
  return bucket;
}

interface ParsedTick {
  ms: number;
  price: number;
  volume: number;
}

function tickTimeMs(timestamp: number | string, field: string): number {
  const ms =
    typeof timestamp === 'number' ? timestamp : EXPLICIT_OFFSET.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (!Number.isFinite(ms)) {
    throw new AnalyticsInputError(
      field,
      `must be epoch milliseconds or ISO-8601 with an offset, got ${timestamp}`,
    );
  }
  return ms;
}

function parseTick(tick: PriceTick, field: string): ParsedTick {
  const { price, volume = 0 } = tick;
  if (!isFinitePositive(price)) throw invalidNumber(price, `${field}.price`, 'positive');
  if (!isFiniteNonNegative(volume)) throw invalidNumber(volume, `${field}.volume`, 'nonNegative');
  return { ms: tickTimeMs(tick.timestamp, `${field}.timestamp`), price, volume };
}

function newCandle(product: string, intervalSeconds: number, startMs: number, tick: ParsedTick): LiveCandle {
  return {
    product,
    interval_seconds: intervalSeconds,
    bucket_start: new Date(startMs).toISOString(),
    open: tick.price,
    high: tick.price,
    low: tick.price,
    close: tick.price,
    volume: tick.volume,
    ticks: 1,
    first_tick_ms: tick.ms,
    last_tick_ms: tick.ms,
  };
}

/** Folds a tick of the same bucket into `candle`, in place; a tick at or after the last one closes it. */
function foldTick(candle: LiveCandle, tick: ParsedTick): LiveCandle {
  if (tick.ms < candle.first_tick_ms) {
    candle.open = tick.price;
    candle.first_tick_ms = tick.ms;
  }
  if (tick.ms >= candle.last_tick_ms) {
    candle.close = tick.price;
    candle.last_tick_ms = tick.ms;
  }
  candle.high = Math.max(candle.high, tick.price);
  candle.low = Math.min(candle.low, tick.price);
  candle.volume += tick.volume;
  candle.ticks += 1;
  return candle;
}

/** Start (epoch ms) of the candle that contains `timestamp`. */
export function candleBucketStartMs(
  timestamp: number | string,
  intervalSeconds: number,
  timeZone = 'UTC',
): number {
  requireTimeZone(timeZone);
  const intervalMs = requireInterval(intervalSeconds);
  return bucketOf(tickTimeMs(timestamp, 'timestamp'), intervalMs, timeZone).startMs;
}

/**
 * Candles from a tick series in any order: open is the earliest tick, close the latest (input order
 * among equal timestamps), high/low the extremes, volume the sum (a tick without volume adds 0), ticks
 * the count. Ascending by bucket; a bucket without ticks has no candle.
 */
export function buildCandles(ticks: readonly PriceTick[], spec: CandleSpec): LiveCandle[] {
  const { product, intervalSeconds, timeZone = 'UTC' } = spec;
  requireTimeZone(timeZone);
  const intervalMs = requireInterval(intervalSeconds);
  const parsed = ticks.map((tick, i) => parseTick(tick, `ticks[${i}]`)).sort((a, b) => a.ms - b.ms);
  const candles: LiveCandle[] = [];
  let current: LiveCandle | undefined;
  let currentStartMs = NaN;
  for (const tick of parsed) {
    const { startMs } = bucketOf(tick.ms, intervalMs, timeZone);
    if (current !== undefined && startMs === currentStartMs) {
      foldTick(current, tick);
    } else {
      current = newCandle(product, intervalSeconds, startMs, tick);
      currentStartMs = startMs;
      candles.push(current);
    }
  }
  return candles;
}

/** A candle holding just `tick`, in the bucket that contains it. */
export function openCandle(tick: PriceTick, spec: CandleSpec): LiveCandle {
  const { product, intervalSeconds, timeZone = 'UTC' } = spec;
  requireTimeZone(timeZone);
  const intervalMs = requireInterval(intervalSeconds);
  const parsed = parseTick(tick, 'tick');
  return newCandle(product, intervalSeconds, bucketOf(parsed.ms, intervalMs, timeZone).startMs, parsed);
}

/**
 * The live path: `candle` after `tick`, as a new object. A tick of the same bucket is folded in (out of
 * order is fine: open and close follow tick time); a tick of a later bucket opens the next candle (the
 * caller stores `candle` as closed when bucket_start changes); a tick older than the candle's bucket
 * belongs to a closed candle and is ignored: `candle` itself is returned (rebuild that bucket with
 * buildCandles if late ticks matter). `timeZone` must be the one the candle was opened with.
 */
export function updateCandle(candle: LiveCandle, tick: PriceTick, timeZone = 'UTC'): LiveCandle {
  requireTimeZone(timeZone);
  const intervalMs = requireInterval(candle.interval_seconds);
  const parsed = parseTick(tick, 'tick');
  const startMs = bucketOf(parsed.ms, intervalMs, timeZone).startMs;
  const candleStartMs = Date.parse(candle.bucket_start);
  if (startMs < candleStartMs) return candle;
  if (startMs > candleStartMs) return newCandle(candle.product, candle.interval_seconds, startMs, parsed);
  return foldTick({ ...candle }, parsed);
}
