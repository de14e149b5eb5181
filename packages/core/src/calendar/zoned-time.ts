/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, using only Intl (no time-zone database of our
 * own). Dates are `YYYY-MM-DD` strings, times `HH:MM`.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The offset Intl reports for one instant: the wall clock it shows, read as UTC, minus the instant. */
function offsetFromIntl(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asIfUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asIfUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** Offsets are held per quarter hour of UTC: every instant of a quarter without a transition shares one. */
const OFFSET_SPAN_MS = 15 * 60_000;
const MAX_HELD_SPANS = 10_000;
const offsetsBySpan = new Map<string, Map<number, number>>();

/**
 * Offset of `timeZone` from UTC at instant `utcMs`, in milliseconds (IST → +19 800 000). Asking Intl
 * costs microseconds and every tick and chain asks, so the answer is held for the instant's quarter hour
 * of UTC when the offset is the same at both ends of it; a quarter with a transition inside is answered
 * instant by instant (zones change offset at most once in any quarter hour).
 */
export function timeZoneOffsetMs(utcMs: number, timeZone: string): number {
  let spans = offsetsBySpan.get(timeZone);
  if (!spans) {
    spans = new Map();
    offsetsBySpan.set(timeZone, spans);
  }
  const span = Math.floor(utcMs / OFFSET_SPAN_MS);
  const held = spans.get(span);
  if (held !== undefined) return held;
  const start = span * OFFSET_SPAN_MS;
  const atStart = offsetFromIntl(start, timeZone);
  if (offsetFromIntl(start + OFFSET_SPAN_MS - 1, timeZone) !== atStart)
    return offsetFromIntl(utcMs, timeZone);
  if (spans.size >= MAX_HELD_SPANS) spans.clear();
  spans.set(span, atStart);
  return atStart;
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `date` `time`. Two passes settle the
 * offset across DST changes. An ambiguous wall time (fall-back) resolves to its first occurrence; a
 * wall time skipped by a spring-forward is moved forward by the length of the gap (as java.time does).
 */
export function zonedWallTimeToUtcMs(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, m - 1, d, hh, mm);
  const firstGuess = wallAsUtc - timeZoneOffsetMs(wallAsUtc, timeZone);
  const settled = wallAsUtc - timeZoneOffsetMs(firstGuess, timeZone);
  const showsRequestedWallTime = settled + timeZoneOffsetMs(settled, timeZone) === wallAsUtc;
  return showsRequestedWallTime ? settled : firstGuess;
}

/**
 * The last date computed per time zone and the whole second it was computed for. Offsets change only on
 * whole seconds, so the date is a function of the second: a server asking hundreds of times a second
 * (every market request checks "today") formats once a second instead of every time.
 */
const lastDates = new Map<string, { second: number; date: string }>();

/** The calendar date (`YYYY-MM-DD`) that the wall clock in `timeZone` shows at `utcMs`. */
export function zonedDate(utcMs: number, timeZone: string): string {
  const second = Math.floor(utcMs / 1000);
  const last = lastDates.get(timeZone);
  if (last?.second === second) return last.date;
  const date = new Date(utcMs + timeZoneOffsetMs(utcMs, timeZone)).toISOString().slice(0, 10);
  lastDates.set(timeZone, { second, date });
  return date;
}
