import { describe, expect, it } from 'vitest';
import type { Product } from '../schemas';
import { addCalendarDays, expiryInstantMs, listExpiries, tradingDates } from './expiries';

type CalendarProduct = Pick<Product, 'time_zone' | 'expiry_rule' | 'holidays'>;

const nifty: CalendarProduct = {
  time_zone: 'Asia/Kolkata',
  expiry_rule: { weekday: 'TUE', weekly: 4, monthly: 2, monthly_occurrence: 'last', expiry_time: '15:30' },
  holidays: [],
};
const aapl: CalendarProduct = {
  time_zone: 'America/New_York',
  expiry_rule: { weekday: 'FRI', weekly: 4, monthly: 2, monthly_occurrence: 3, expiry_time: '16:00' },
  holidays: [],
};

describe('listExpiries', () => {
  it('lists NSE weeklies and last-Tuesday monthlies, today included until 15:30 IST', () => {
    expect(listExpiries(nifty, Date.parse('2026-11-24T05:00:00Z'))).toEqual([
      '2026-11-24',
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-29',
    ]);
  });

  it('drops the expiry at its expiry instant and rolls into the next month', () => {
    expect(listExpiries(nifty, Date.parse('2026-11-24T10:00:00Z'))).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
      '2027-01-26',
    ]);
  });

  it('uses the third Friday for US monthlies', () => {
    expect(listExpiries(aapl, Date.parse('2026-11-24T15:00:00Z'))).toEqual([
      '2026-11-27',
      '2026-12-04',
      '2026-12-11',
      '2026-12-18',
      '2027-01-15',
    ]);
  });

  it('moves an expiry on a holiday to the previous trading day, skipping the weekend', () => {
    const withHolidays = { ...nifty, holidays: ['2026-12-01', '2026-11-30', '2026-12-29'] };
    expect(listExpiries(withHolidays, Date.parse('2026-11-24T11:00:00Z'))).toEqual([
      '2026-11-27',
      '2026-12-08',
      '2026-12-15',
      '2026-12-22',
      '2026-12-28',
      '2027-01-26',
    ]);
  });

  it('gives monthly-only products only monthlies', () => {
    const bank = { ...nifty, expiry_rule: { ...nifty.expiry_rule, weekly: 0, monthly: 3 } };
    expect(listExpiries(bank, Date.parse('2026-11-25T00:00:00Z'))).toEqual([
      '2026-12-29',
      '2027-01-26',
      '2027-02-23',
    ]);
  });

  it('puts the expiry instant at the exchange close', () => {
    expect(expiryInstantMs(aapl, '2026-12-18')).toBe(Date.parse('2026-12-18T21:00:00Z'));
  });
});

describe('tradingDates', () => {
  it('lists the weekdays between two dates, both included, without the holidays', () => {
    // 2026-11-20 is a Friday; 2026-11-24 a Tuesday, closed here.
    expect(tradingDates('2026-11-20', '2026-11-26', ['2026-11-24', '2026-11-22'])).toEqual([
      '2026-11-20',
      '2026-11-23',
      '2026-11-25',
      '2026-11-26',
    ]);
    expect(tradingDates('2026-11-21', '2026-11-22', [])).toEqual([]);
    expect(tradingDates('2026-11-26', '2026-11-25', [])).toEqual([]);
  });
});

describe('addCalendarDays', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2026-12-04', -365)).toBe('2025-12-04');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-12-04', 0)).toBe('2026-12-04');
  });
});
