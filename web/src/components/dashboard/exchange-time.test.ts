import { describe, expect, it } from 'vitest';
import {
  daysToExpiry,
  exchangeWallClock,
  formatExchangeDateTime,
  formatExchangeTime,
  timeZoneLabel,
} from './exchange-time';

describe('exchangeWallClock', () => {
  it("shows an instant on the exchange's wall clock, to the second", () => {
    expect(exchangeWallClock('2026-11-24T03:45:10.500Z', 'Asia/Kolkata')).toBe('2026-11-24 09:15:10');
    expect(exchangeWallClock('2026-11-24T03:45:10.500Z', 'America/New_York')).toBe('2026-11-23 22:45:10');
    expect(exchangeWallClock('2026-07-17T20:00:00Z', 'America/New_York')).toBe('2026-07-17 16:00:00');
    expect(exchangeWallClock('2026-11-24T18:29:59.999Z', 'Asia/Kolkata')).toBe('2026-11-24 23:59:59');
    expect(exchangeWallClock('2026-11-24T18:30:00Z', 'Asia/Kolkata')).toBe('2026-11-25 00:00:00');
  });
});

describe('timeZoneLabel', () => {
  it('names the zones traders abbreviate, in and out of daylight saving time', () => {
    expect(timeZoneLabel('Asia/Kolkata', Date.parse('2026-11-24T10:00:00Z'))).toBe('IST');
    expect(timeZoneLabel('America/New_York', Date.parse('2026-07-17T20:00:00Z'))).toBe('ET');
    expect(timeZoneLabel('America/New_York', Date.parse('2026-12-18T21:00:00Z'))).toBe('ET');
  });

  it("gives any other zone its offset at the instant, which follows the zone's DST", () => {
    expect(timeZoneLabel('Asia/Tokyo', Date.parse('2026-11-24T10:00:00Z'))).toBe('UTC+09:00');
    expect(timeZoneLabel('Asia/Kathmandu', Date.parse('2026-11-24T10:00:00Z'))).toBe('UTC+05:45');
    expect(timeZoneLabel('America/Sao_Paulo', Date.parse('2026-11-24T10:00:00Z'))).toBe('UTC-03:00');
    expect(timeZoneLabel('Europe/London', Date.parse('2026-07-17T12:00:00Z'))).toBe('UTC+01:00');
    expect(timeZoneLabel('Europe/London', Date.parse('2026-12-17T12:00:00Z'))).toBe('UTC');
  });
});

describe('formatExchangeTime', () => {
  it("shows the exchange's time of day with its label, whatever zone the process runs in", () => {
    const instant = Date.parse('2026-11-24T09:59:58.700Z');
    expect(formatExchangeTime(instant, 'Asia/Kolkata')).toBe('15:29:58 IST');
    expect(formatExchangeTime(instant, 'America/New_York')).toBe('04:59:58 ET');
    expect(formatExchangeTime(instant, 'Asia/Tokyo')).toBe('18:59:58 UTC+09:00');
  });
});

describe('formatExchangeDateTime', () => {
  it("shows the exchange's date and time to the minute with its label", () => {
    // 01:00 IST on 1 Dec is still 30 Nov in UTC and in New York.
    const instant = Date.parse('2026-11-30T19:30:59Z');
    expect(formatExchangeDateTime(instant, 'Asia/Kolkata')).toBe('2026-12-01 01:00 IST');
    expect(formatExchangeDateTime(instant, 'America/New_York')).toBe('2026-11-30 14:30 ET');
  });
});

describe('daysToExpiry', () => {
  it("counts from the exchange's date, so the expiry day is 0 even while it is still the day before in UTC", () => {
    // 01:00 IST on 1 Dec is 19:30 UTC on 30 Nov.
    const earlyExpiryDay = Date.parse('2026-11-30T19:30:00Z');
    expect(daysToExpiry('2026-12-01', 'Asia/Kolkata', earlyExpiryDay)).toBe(0);
    expect(daysToExpiry('2026-12-08', 'Asia/Kolkata', earlyExpiryDay)).toBe(7);
    // 23:00 ET on 30 Nov is already 1 Dec in UTC.
    expect(daysToExpiry('2026-12-01', 'America/New_York', Date.parse('2026-12-01T04:00:00Z'))).toBe(1);
    expect(daysToExpiry('2026-11-20', 'Asia/Kolkata', earlyExpiryDay)).toBe(0);
  });
});
