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

/** Offset of `timeZone` from UTC at instant `utcMs`, in milliseconds (IST → +19 800 000). */
export function timeZoneOffsetMs(utcMs: number, timeZone: string): number {
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
