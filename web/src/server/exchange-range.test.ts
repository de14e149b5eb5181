import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { exchangeDateRange, exchangeTimeRange } from './exchange-range';

const KOLKATA = 'Asia/Kolkata';
const NEW_YORK = 'America/New_York';
/** 2026-03-02 01:00 in Kolkata, still 1 March in UTC. */
const NOW_MS = Date.parse('2026-03-01T19:30:00Z');

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_ERROR') return error.options.field;
    throw error;
  }
  return undefined;
}

describe('exchangeDateRange', () => {
  it('keeps dates as given and reads an instant as its exchange date', () => {
    expect(exchangeDateRange({ start: '2026-02-01', end: '2026-03-01' }, KOLKATA)).toEqual({
      startDate: '2026-02-01',
      endDate: '2026-03-01',
    });
    // 20:00 UTC on 1 March is 01:30 on 2 March in Kolkata, 15:00 on 1 March in New York.
    const instant = '2026-03-01T20:00:00Z';
    expect(exchangeDateRange({ start: instant }, KOLKATA)).toEqual({ startDate: '2026-03-02' });
    expect(exchangeDateRange({ end: Date.parse(instant) }, NEW_YORK)).toEqual({ endDate: '2026-03-01' });
    expect(exchangeDateRange({}, KOLKATA)).toEqual({});
  });

  it("counts `days` back from the exchange's today, today included", () => {
    expect(exchangeDateRange({ days: 1 }, KOLKATA, NOW_MS)).toEqual({ startDate: '2026-03-02' });
    expect(exchangeDateRange({ days: 3 }, KOLKATA, NOW_MS)).toEqual({ startDate: '2026-02-28' });
    expect(exchangeDateRange({ days: 1 }, NEW_YORK, NOW_MS)).toEqual({ startDate: '2026-03-01' });
  });

  it('refuses days beside start or end, an empty range and an instant no Date holds, naming the field', () => {
    expect(fieldOf(() => exchangeDateRange({ days: 2, end: '2026-03-01' }, KOLKATA))).toBe('days');
    expect(fieldOf(() => exchangeDateRange({ start: '2026-03-01', end: '2026-03-01' }, KOLKATA))).toBe('end');
    // Both instants fall on 2 March in Kolkata: no whole day between them.
    expect(
      fieldOf(() =>
        exchangeDateRange({ start: '2026-03-01T19:00:00Z', end: '2026-03-02T10:00:00Z' }, KOLKATA),
      ),
    ).toBe('end');
    expect(fieldOf(() => exchangeDateRange({ start: 9e15 }, KOLKATA))).toBe('start');
  });
});

describe('exchangeTimeRange', () => {
  it("reads a date as the exchange's midnight that starts it, across a daylight-saving change", () => {
    expect(exchangeTimeRange({ start: '2026-03-02', end: '2026-03-02T04:00:00Z' }, KOLKATA)).toEqual({
      start: new Date('2026-03-01T18:30:00Z'),
      end: new Date('2026-03-02T04:00:00Z'),
    });
    // New York springs forward on 8 March 2026: midnight is 05:00Z before, 04:00Z after.
    expect(exchangeTimeRange({ start: '2026-03-06', end: '2026-03-09' }, NEW_YORK)).toEqual({
      start: new Date('2026-03-06T05:00:00Z'),
      end: new Date('2026-03-09T04:00:00Z'),
    });
    expect(exchangeTimeRange({ days: 2 }, KOLKATA, NOW_MS)).toEqual({
      start: new Date('2026-02-28T18:30:00Z'),
    });
  });

  it('refuses an empty range and days beside start, naming the field', () => {
    expect(
      fieldOf(() => exchangeTimeRange({ start: '2026-03-02', end: '2026-03-01T18:30:00Z' }, KOLKATA)),
    ).toBe('end');
    expect(fieldOf(() => exchangeTimeRange({ days: 1, start: 0 }, KOLKATA))).toBe('days');
    expect(fieldOf(() => exchangeTimeRange({ end: -9e15 }, KOLKATA))).toBe('end');
  });
});
