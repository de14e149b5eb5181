import { timeZoneOffsetMs, zonedDate } from '@deltastream/core/calendar';

/**
 * The exchange's clock, wherever the browser is: a trader reads 09:15 as the open in the exchange's own
 * time, so every time on the dashboard is the exchange's wall clock with the zone's label, never the
 * browser's local time.
 */

/** Zones a trader names by their abbreviation (ET stands for EST and EDT alike); others show their offset. */
const ZONE_LABELS: Readonly<Record<string, string>> = {
  'Asia/Kolkata': 'IST',
  'America/New_York': 'ET',
};

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** `IST`, `ET`, or the zone's offset from UTC at `instantMs` (`UTC+09:00`, `UTC-03:00`, `UTC`). */
export function timeZoneLabel(timeZone: string, instantMs: number): string {
  const known = ZONE_LABELS[timeZone];
  if (known !== undefined) return known;
  const offsetMinutes = Math.round(timeZoneOffsetMs(instantMs, timeZone) / 60_000);
  if (offsetMinutes === 0) return 'UTC';
  const magnitude = Math.abs(offsetMinutes);
  return `UTC${offsetMinutes < 0 ? '-' : '+'}${twoDigits(Math.floor(magnitude / 60))}:${twoDigits(magnitude % 60)}`;
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ` whose digits are the exchange's wall clock at the instant (not a UTC time). */
const wallClockIso = (instantMs: number, timeZone: string) =>
  new Date(instantMs + timeZoneOffsetMs(instantMs, timeZone)).toISOString();

/**
 * An instant as the exchange's wall clock, `YYYY-MM-DD HH:MM:SS`, for Plotly's date axes, which have no
 * time zones: the axis title and hover format carry the zone's label.
 */
export function exchangeWallClock(timestamp: string, timeZone: string): string {
  const wallClock = wallClockIso(Date.parse(timestamp), timeZone);
  return `${wallClock.slice(0, 10)} ${wallClock.slice(11, 19)}`;
}

/** `15:29:58 IST`: the time of day on the exchange's clock, to the second, with the zone's label. */
export function formatExchangeTime(instantMs: number, timeZone: string): string {
  return `${wallClockIso(instantMs, timeZone).slice(11, 19)} ${timeZoneLabel(timeZone, instantMs)}`;
}

/** `2026-11-24 15:29 IST`: date and time of day to the minute on the exchange's clock, with the zone's label. */
export function formatExchangeDateTime(instantMs: number, timeZone: string): string {
  const wallClock = wallClockIso(instantMs, timeZone);
  return `${wallClock.slice(0, 10)} ${wallClock.slice(11, 16)} ${timeZoneLabel(timeZone, instantMs)}`;
}

/** Days from the exchange's today to an expiry date (`YYYY-MM-DD`): 0 on the expiry day itself. */
export function daysToExpiry(expiry: string, timeZone: string, nowMs: number): number {
  const today = Date.parse(`${zonedDate(nowMs, timeZone)}T00:00:00Z`);
  return Math.max(0, Math.round((Date.parse(`${expiry}T00:00:00Z`) - today) / 86_400_000));
}
