import { describe, expect, it } from 'vitest';
import { CsvRow, formatRowError, parseIsoDate, parseNseDate } from './csv-row';

const columns = new Map([
  ['StrkPric', 0],
  ['OpnIntrst', 1],
  ['OptnTp', 2],
  ['TradDt', 3],
  ['timestamp', 4],
]);
const row = (...fields: string[]) => new CsvRow(17, columns, fields);
const messages = (r: CsvRow) => r.errors.map(formatRowError);

describe('CsvRow', () => {
  it('reads numbers, counts, choices and dates', () => {
    const r = row(' 24000.00 ', '4875', 'pe', '2026-11-27', '2026-11-27T15:30:00+05:30');
    expect(r.number('StrkPric', { positive: true })).toBe(24_000);
    expect(r.count('OpnIntrst')).toBe(4875);
    expect(r.choice('OptnTp', { CE: 'CALL', PE: 'PUT' })).toBe('PUT');
    expect(r.isoDate('TradDt')).toBe('2026-11-27');
    expect(r.instant('timestamp')).toBe(Date.parse('2026-11-27T10:00:00Z'));
    expect(r.errors).toEqual([]);
  });

  it('names the line and column of every cell that does not read', () => {
    const r = row('abc', '12.5', 'XX', '2026-02-30', '2026-11-27 15:30');
    r.number('StrkPric');
    r.count('OpnIntrst');
    r.choice('OptnTp', { CE: 'CALL', PE: 'PUT' });
    r.isoDate('TradDt');
    r.instant('timestamp');
    expect(messages(r)).toEqual([
      'line 17, column StrkPric: "abc" is not a number',
      'line 17, column OpnIntrst: 12.5 is not a whole number',
      'line 17, column OptnTp: "XX" is not one of CE, PE',
      'line 17, column TradDt: "2026-02-30" is not a date (YYYY-MM-DD)',
      'line 17, column timestamp: "2026-11-27 15:30" is not an ISO-8601 date-time with an offset',
    ]);
  });

  it('holds numbers to their sign and reads an empty cell only where allowed', () => {
    const r = row('0', '-3', '', '0x10', '');
    expect(r.number('StrkPric', { positive: true })).toBe(0);
    r.count('OpnIntrst');
    expect(r.number('OptnTp', { empty: 0 })).toBe(0);
    r.number('TradDt');
    r.number('timestamp');
    expect(messages(r)).toEqual([
      'line 17, column StrkPric: 0 must be greater than 0',
      'line 17, column OpnIntrst: -3 must be at least 0',
      'line 17, column TradDt: "0x10" is not a number',
      'line 17, column timestamp: is empty',
    ]);
  });

  it('reads a row shorter than the header as empty cells', () => {
    const r = row('24000');
    expect(r.cell('TradDt')).toBe('');
    r.isoDate('TradDt');
    expect(messages(r)).toEqual(['line 17, column TradDt: is empty']);
  });
});

describe('dates', () => {
  it('reads NSE legacy dates, two-digit years as this century', () => {
    expect(parseNseDate('05-JUL-2024')).toBe('2024-07-05');
    expect(parseNseDate('25-Jul-2024')).toBe('2024-07-25');
    expect(parseNseDate('31-May-12')).toBe('2012-05-31');
    expect(parseNseDate('31-Jun-2024')).toBeUndefined();
    expect(parseNseDate('05-JLY-2024')).toBeUndefined();
    expect(parseNseDate('2024-07-05')).toBeUndefined();
  });

  it('reads ISO dates of days that exist', () => {
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('26-11-27')).toBeUndefined();
  });
});
