import { describe, expect, it } from 'vitest';
import { DAYS_PER_YEAR, yearFraction, type DayCount } from './day-count';
import { PricingInputError } from './pricing-input-error';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = Date.UTC;

function expectInputError(run: () => unknown, field: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PricingInputError);
    expect((error as PricingInputError).field).toBe(field);
    return;
  }
  expect.unreachable(`expected a PricingInputError for ${field}`);
}

describe('ACT/365', () => {
  it('is elapsed milliseconds over 365 days, weekends included', () => {
    expect(yearFraction(utc(2025, 0, 1), utc(2026, 0, 1), 'ACT/365')).toBe(1);
    expect(yearFraction(utc(2024, 0, 1), utc(2025, 0, 1), 'ACT/365')).toBe(366 / 365);
    // Friday 12:00 → Monday 12:00: three calendar days.
    expect(yearFraction(utc(2025, 0, 17, 12), utc(2025, 0, 20, 12), 'ACT/365')).toBe(3 / 365);
    expect(yearFraction(0, 1, 'ACT/365')).toBe(1 / (365 * DAY));
  });

  it('is signed', () => {
    expect(yearFraction(utc(2025, 0, 20), utc(2025, 0, 17), 'ACT/365')).toBe(-3 / 365);
    expect(yearFraction(5, 5, 'ACT/365')).toBe(0);
  });
});

describe('BUS/252', () => {
  // 2025-01-13 is a Monday.
  const monday = utc(2025, 0, 13);

  it('counts Monday to Friday, one per full day', () => {
    expect(yearFraction(monday, monday + 7 * DAY, 'BUS/252')).toBe(5 / 252);
    expect(yearFraction(monday, monday + 5 * DAY, 'BUS/252')).toBe(5 / 252);
    expect(yearFraction(monday, monday + 364 * DAY, 'BUS/252')).toBe(260 / 252);
    expect(yearFraction(monday + 5 * DAY, monday + 7 * DAY, 'BUS/252')).toBe(0);
  });

  it('counts the elapsed fraction of partial business days and nothing on weekends', () => {
    const wednesday = monday + 2 * DAY;
    expect(yearFraction(wednesday + 6 * HOUR, wednesday + 18 * HOUR, 'BUS/252')).toBe(0.5 / 252);
    // Friday 12:00 → Monday 12:00: half of Friday plus half of Monday.
    expect(yearFraction(monday + 4.5 * DAY, monday + 7.5 * DAY, 'BUS/252')).toBe(1 / 252);
    // Saturday 10:00 → Sunday 20:00.
    expect(yearFraction(monday + 5 * DAY + 10 * HOUR, monday + 6 * DAY + 20 * HOUR, 'BUS/252')).toBe(0);
    // Tuesday 18:00 → Thursday 06:00: ¼ + 1 + ¼.
    expect(yearFraction(monday + DAY + 18 * HOUR, monday + 3 * DAY + 6 * HOUR, 'BUS/252')).toBe(1.5 / 252);
  });

  it('removes holidays on business days only, each once', () => {
    const week = (holidays: string[]) => yearFraction(monday, monday + 7 * DAY, 'BUS/252', { holidays });
    expect(week(['2025-01-15'])).toBe(4 / 252);
    expect(week(['2025-01-15', '2025-01-15', '2025-01-17'])).toBe(3 / 252);
    expect(week(['2025-01-18', '2025-01-19', '2025-01-20', '2024-12-25'])).toBe(5 / 252);
    // A holiday on a partial day contributes nothing: Wednesday 12:00 → Thursday 12:00.
    const wednesdayNoon = monday + 2.5 * DAY;
    expect(yearFraction(wednesdayNoon, wednesdayNoon + DAY, 'BUS/252', { holidays: ['2025-01-15'] })).toBe(
      0.5 / 252,
    );
  });

  it('is signed', () => {
    expect(yearFraction(monday + 7 * DAY, monday, 'BUS/252')).toBe(-5 / 252);
  });

  it('takes calendar days and midnights from the time zone', () => {
    // Friday 20:00 UTC = Saturday 01:30 IST → Monday 02:00 UTC = Monday 07:30 IST.
    const from = utc(2025, 0, 17, 20);
    const to = utc(2025, 0, 20, 2);
    expect(yearFraction(from, to, 'BUS/252')).toBe(6 / 24 / 252);
    expect(yearFraction(from, to, 'BUS/252', { timeZone: 'Asia/Kolkata' })).toBe(7.5 / 24 / 252);
    // Thursday 15:30 IST → Monday 15:30 IST (10:00 UTC): 8.5/24 + 1 + 15.5/24.
    const thursdayClose = utc(2025, 0, 16, 10);
    const mondayClose = utc(2025, 0, 20, 10);
    expect(yearFraction(thursdayClose, mondayClose, 'BUS/252', { timeZone: 'Asia/Kolkata' })).toBeCloseTo(
      2 / 252,
      15,
    );
  });

  it('counts a 23- or 25-hour daylight-saving business day as one day', () => {
    // Asia/Jerusalem springs forward on Friday 2025-03-28 at 02:00 (+02:00 → +03:00): a 23-hour Friday.
    const jerusalem = { timeZone: 'Asia/Jerusalem' };
    const thursdayStart = utc(2025, 2, 26, 22);
    const fridayStart = utc(2025, 2, 27, 22);
    const saturdayStart = utc(2025, 2, 28, 21);
    expect(yearFraction(thursdayStart, saturdayStart, 'BUS/252', jerusalem)).toBe(2 / 252);
    // Friday 12:00 local (+03:00) is 11 of the day's 23 hours.
    expect(yearFraction(fridayStart, utc(2025, 2, 28, 9), 'BUS/252', jerusalem)).toBe(11 / 23 / 252);

    // Africa/Cairo skips Friday 2025-04-25 00:00–01:00: Friday begins at 01:00 local (22:00 UTC).
    const cairo = { timeZone: 'Africa/Cairo' };
    const thursdayNoon = utc(2025, 3, 24, 10);
    const fridayNoon = utc(2025, 3, 25, 9);
    expect(yearFraction(thursdayNoon, fridayNoon, 'BUS/252', cairo)).toBeCloseTo((0.5 + 11 / 23) / 252, 15);

    // Africa/Cairo repeats Thursday 2025-10-30 23:00–24:00: a 25-hour Thursday, Friday from 22:00 UTC.
    const thursdayOctober = utc(2025, 9, 29, 21);
    const fridayOctober = utc(2025, 9, 30, 22);
    expect(yearFraction(thursdayOctober, fridayOctober, 'BUS/252', cairo)).toBe(1 / 252);
    expect(yearFraction(utc(2025, 9, 30, 9), fridayOctober, 'BUS/252', cairo)).toBe(13 / 25 / 252);
  });
});

describe('DAYS_PER_YEAR', () => {
  it('is the denominator of each day count', () => {
    const cases: [DayCount, number][] = [
      ['ACT/365', 365],
      ['BUS/252', 252],
    ];
    for (const [dayCount, days] of cases) expect(DAYS_PER_YEAR[dayCount]).toBe(days);
  });
});

describe('invalid input', () => {
  it('throws PricingInputError naming the field', () => {
    expectInputError(() => yearFraction(NaN, 0, 'ACT/365'), 'fromMs');
    expectInputError(() => yearFraction(0, Infinity, 'BUS/252'), 'toMs');
    expectInputError(() => yearFraction(0, 9e15, 'ACT/365'), 'toMs');
    expectInputError(() => yearFraction(0, DAY, 'ACT/360' as DayCount), 'dayCount');
    expectInputError(() => yearFraction(0, DAY, 'BUS/252', { holidays: ['2025-02-30'] }), 'holidays');
    expectInputError(() => yearFraction(0, DAY, 'BUS/252', { holidays: ['25-01-01'] }), 'holidays');
    expectInputError(() => yearFraction(0, DAY, 'BUS/252', { timeZone: 'Mars/Olympus_Mons' }), 'timeZone');
  });
});
