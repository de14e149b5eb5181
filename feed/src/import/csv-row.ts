import { TimestampSchema } from '@deltastream/core/schemas';

/** A problem with the header or with one row: where it is and what is wrong. */
export interface RowError {
  /** 1-based line of the file. */
  line: number;
  /** The column as the layout spells it; absent when the whole line is at fault. */
  column?: string;
  message: string;
}

/** `line 17, column StrkPric: "abc" is not a number` */
export function formatRowError({ line, column, message }: RowError): string {
  return column === undefined ? `line ${line}: ${message}` : `line ${line}, column ${column}: ${message}`;
}

/** Where each column a layout reads sits in the file, by the layout's spelling of its name. */
export type ColumnIndex = ReadonlyMap<string, number>;

/** Plain decimals as exchanges write them: no thousands separators, no hex, no Infinity. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? date.toISOString().slice(0, 10) : undefined;
}

/** `YYYY-MM-DD` when `text` is a date so written, of a day that exists. */
export function parseIsoDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/**
 * `YYYY-MM-DD` of a date as NSE's legacy files write it: `05-JUL-2024`, `25-Jul-2024`, and in a few files of
 * 2012 `31-May-12` (two-digit years are of this century: the files begin in 2000).
 */
export function parseNseDate(text: string): string | undefined {
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf((match[2] ?? '').toUpperCase()) + 1;
  const year = Number(match[3]) + ((match[3] ?? '').length === 2 ? 2000 : 0);
  return month === 0 ? undefined : calendarDate(year, month, Number(match[1]));
}

export interface NumberRule {
  /** Greater than 0 rather than at least 0. */
  positive?: boolean;
  /** What an empty cell reads as; without it an empty cell is an error. */
  empty?: number;
}

/**
 * One data row, read cell by cell. A cell that does not read adds a RowError naming its line and column and
 * reads as a placeholder (0, ''), so every bad cell of a row is reported; a row with errors is never used.
 */
export class CsvRow {
  readonly errors: RowError[] = [];

  constructor(
    readonly line: number,
    private readonly columns: ColumnIndex,
    private readonly fields: readonly string[],
  ) {}

  /** The cell, trimmed; '' when it is empty or the row is too short to have it. */
  cell(column: string): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.fields[index] ?? '').trim();
  }

  fail(column: string, message: string): void {
    this.errors.push({ line: this.line, column, message });
  }

  text(column: string): string {
    const value = this.cell(column);
    if (value === '') this.fail(column, 'is empty');
    return value;
  }

  number(column: string, { positive = false, empty }: NumberRule = {}): number {
    const text = this.cell(column);
    if (text === '' && empty !== undefined) return empty;
    if (text === '') {
      this.fail(column, 'is empty');
      return 0;
    }
    const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value)) {
      this.fail(column, `${JSON.stringify(text)} is not a number`);
      return 0;
    }
    if (positive ? value <= 0 : value < 0) {
      this.fail(column, `${text} must be ${positive ? 'greater than 0' : 'at least 0'}`);
      return 0;
    }
    return value;
  }

  /** A whole number (contracts, units, lots). */
  count(column: string, rule: NumberRule = {}): number {
    const value = this.number(column, rule);
    if (Number.isInteger(value)) return value;
    this.fail(column, `${this.cell(column)} is not a whole number`);
    return 0;
  }

  /** One of `choices`' keys, case-insensitively, read as its value. */
  choice<T>(column: string, choices: Readonly<Record<string, T>>): T | undefined {
    const text = this.cell(column);
    const value = choices[text.toUpperCase()];
    if (value === undefined) {
      this.fail(column, `${JSON.stringify(text)} is not one of ${Object.keys(choices).join(', ')}`);
    }
    return value;
  }

  isoDate(column: string): string {
    return this.date(column, parseIsoDate, 'YYYY-MM-DD');
  }

  nseDate(column: string): string {
    return this.date(column, parseNseDate, 'DD-MON-YYYY');
  }

  /** Epoch milliseconds of an ISO-8601 date-time with an offset (the wire's timestamps). */
  instant(column: string): number {
    const text = this.text(column);
    if (text === '') return 0;
    if (TimestampSchema.safeParse(text).success) return Date.parse(text);
    this.fail(column, `${JSON.stringify(text)} is not an ISO-8601 date-time with an offset`);
    return 0;
  }

  private date(column: string, parse: (text: string) => string | undefined, format: string): string {
    const text = this.text(column);
    if (text === '') return '';
    const date = parse(text);
    if (date === undefined) this.fail(column, `${JSON.stringify(text)} is not a date (${format})`);
    return date ?? '';
  }
}
