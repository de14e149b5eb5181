import { describe, expect, it } from 'vitest';
import { ExchangeCalendarSchema } from './exchange-calendar';

const calendar = {
  id: 'nse',
  name: 'National Stock Exchange of India',
  source: 'NSE circular',
  holidays: [
    { date: '2026-03-03', name: 'Holi' },
    { date: '2026-03-26', name: 'Shri Ram Navami' },
  ],
};
const issues = (value: unknown) =>
  ExchangeCalendarSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('ExchangeCalendarSchema', () => {
  it('accepts weekday holidays in date order, published unless marked provisional', () => {
    const parsed = ExchangeCalendarSchema.parse({
      ...calendar,
      holidays: [...calendar.holidays, { date: '2027-01-26', name: 'Republic Day', provisional: true }],
    });
    expect(parsed.holidays.map((h) => h.provisional)).toEqual([false, false, true]);
  });

  it('rejects weekend dates, dates out of order or repeated, and ids that are not file names', () => {
    expect(issues({ ...calendar, holidays: [{ date: '2026-08-15', name: 'Independence Day' }] })).toEqual([
      'holidays.0.date: 2026-08-15 is a weekend day; list the weekday the exchange closes',
    ]);
    expect(issues({ ...calendar, holidays: [...calendar.holidays].reverse() })).toEqual([
      'holidays.1.date: 2026-03-03 must come after 2026-03-26: dates ascend, each once',
    ]);
    expect(issues({ ...calendar, holidays: [calendar.holidays[0], calendar.holidays[0]] })).toHaveLength(1);
    expect(issues({ ...calendar, id: '../nse' })).toEqual(['id: must be a lower-case id such as nse or us']);
    expect(issues({ ...calendar, holidays: [{ date: '2026-02-30', name: 'No such day' }] })).toEqual([
      'holidays.0.date: must be a date as YYYY-MM-DD',
    ]);
  });
});
