import { describe, expect, it } from 'vitest';
import { timeZoneOffsetMs, zonedDate, zonedWallTimeToUtcMs } from './zoned-time';

describe('zoned time', () => {
  it('converts exchange wall time to UTC across time zones and DST', () => {
    expect(new Date(zonedWallTimeToUtcMs('2026-11-24', '15:30', 'Asia/Kolkata')).toISOString()).toBe(
      '2026-11-24T10:00:00.000Z',
    );
    expect(new Date(zonedWallTimeToUtcMs('2026-07-17', '16:00', 'America/New_York')).toISOString()).toBe(
      '2026-07-17T20:00:00.000Z',
    );
    expect(new Date(zonedWallTimeToUtcMs('2026-12-18', '16:00', 'America/New_York')).toISOString()).toBe(
      '2026-12-18T21:00:00.000Z',
    );
  });

  it('resolves a wall time skipped by spring-forward to the later offset', () => {
    expect(new Date(zonedWallTimeToUtcMs('2026-03-08', '02:30', 'America/New_York')).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('reads offsets and local dates', () => {
    expect(timeZoneOffsetMs(Date.parse('2026-11-24T20:00:00.123Z'), 'Asia/Kolkata')).toBe(19_800_000);
    expect(zonedDate(Date.parse('2026-11-24T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-25');
    expect(zonedDate(Date.parse('2026-11-24T03:00:00Z'), 'America/New_York')).toBe('2026-11-23');
  });
});

describe('zonedDate, remembered per second', () => {
  it('turns at the exact millisecond of local midnight, asked in any order', () => {
    const midnightIst = Date.parse('2026-11-24T18:30:00Z');
    const asked = [midnightIst - 1, midnightIst, midnightIst - 1, midnightIst + 999, midnightIst - 1000];
    expect(asked.map((ms) => zonedDate(ms, 'Asia/Kolkata'))).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-24',
      '2026-11-25',
      '2026-11-24',
    ]);
  });

  it('keeps time zones apart within one second', () => {
    const at = Date.parse('2026-11-24T20:00:00.500Z');
    expect(zonedDate(at, 'Asia/Kolkata')).toBe('2026-11-25');
    expect(zonedDate(at, 'America/New_York')).toBe('2026-11-24');
    expect(zonedDate(at, 'Asia/Kolkata')).toBe('2026-11-25');
  });
});

describe('zoned time at a fall-back', () => {
  it('resolves an ambiguous wall time to its first occurrence', () => {
    expect(new Date(zonedWallTimeToUtcMs('2026-11-01', '01:30', 'America/New_York')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });
});

describe('offsets held per quarter hour', () => {
  it('change at the exact instant of a transition, whatever was asked before', () => {
    // New York springs forward at 07:00Z; Monrovia moved from −0:44:30 to UTC at 00:44:30Z on 1972-01-07,
    // inside a quarter hour.
    const newYork = Date.parse('2026-03-08T07:00:00Z');
    expect([newYork - 1, newYork, newYork - 1].map((ms) => timeZoneOffsetMs(ms, 'America/New_York'))).toEqual(
      [-5 * 3_600_000, -4 * 3_600_000, -5 * 3_600_000],
    );
    const monrovia = Date.parse('1972-01-07T00:44:30Z');
    const asked = [monrovia - 1000, monrovia, monrovia - 1000, monrovia - 600_000, monrovia + 600_000];
    expect(asked.map((ms) => timeZoneOffsetMs(ms, 'Africa/Monrovia'))).toEqual([
      -2_670_000, 0, -2_670_000, -2_670_000, 0,
    ]);
  });
});
