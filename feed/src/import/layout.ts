import { expiryInstantMs } from '@deltastream/core/calendar';
import type { OptionType, Product } from '@deltastream/core/schemas';
import type { CsvRow } from './csv-row';

/** When a row's snapshot was taken. */
export interface SnapshotTime {
  /** The snapshot's instant: the exchange's close on the trade date, or the row's own timestamp. */
  atMs: number;
  /**
   * What orders a file: rows come in non-decreasing `order`, so a snapshot is complete once a row of a later
   * one arrives. A bhavcopy's trade date (its UTC midnight), the generic layout's timestamp.
   */
  order: number;
  /** The cell it was read from, for messages. */
  label: string;
}

export interface OptionRow {
  kind: 'option';
  product: Product;
  time: SnapshotTime;
  expiry: string;
  strike: number;
  optionType: OptionType;
  bid: number;
  ask: number;
  last: number;
  /** Contracts traded. */
  volume: number;
  /** Open contracts. */
  openInterest: number;
  /** The underlying's price when the row gives one. */
  underlying: number | undefined;
  /** The lot size the row gives, when it gives one. */
  lotSize: number | undefined;
}

export interface FutureRow {
  kind: 'future';
  product: Product;
  time: SnapshotTime;
  expiry: string;
  /** The future's closing price (0: none). */
  price: number;
}

/** A data row as a layout reads it: an option, a future, or a row the import skips and counts. */
export type ImportedRow =
  | OptionRow
  | FutureRow
  | { kind: 'not-listed'; symbol: string }
  | { kind: 'other-instrument'; instrument: string };

export interface LotSize {
  units: number;
  /** Where the size comes from, for messages. */
  source: string;
}

export interface LayoutContext {
  /** The catalogue's product of `symbol`; when the file names an exchange, only a product listed there. */
  product(symbol: string, exchange?: string): Product | undefined;
  /** The lot size of a file that carries none: the one given for the import, else the catalogue's. */
  lotSize(product: Product): LotSize;
}

export interface Layout {
  id: 'nse-udiff' | 'nse-legacy' | 'generic';
  title: string;
  /** Columns that tell this layout from the others. */
  signature: readonly string[];
  /** Every column the layout reads: the header must have them, in any order, names in any case. */
  columns: readonly string[];
  /** The columns that messages about a whole snapshot point at. */
  names: { symbol: string; strike: string; time: string; underlying?: string };
  read(row: CsvRow, context: LayoutContext): ImportedRow;
}

/** NSE's option types, and the generic layout's besides the wire's own spelling. */
export const EXCHANGE_OPTION_TYPES: Readonly<Record<string, OptionType>> = { CE: 'CALL', PE: 'PUT' };

/**
 * Open contracts from open interest in units of the underlying, which both NSE layouts publish (the
 * platform counts contracts: README, "Conventions of the numbers"). A remainder means the lot size is not
 * the one the file was written with.
 */
export function contractsFromUnits(row: CsvRow, column: string, units: number, lot: LotSize): number {
  if (units % lot.units === 0) return units / lot.units;
  row.fail(column, `${units} units is not a whole number of lots of ${lot.units} (${lot.source})`);
  return 0;
}

/** An expiry before the trade date is a row of another day, or a misread date. */
export function checkNotExpired(row: CsvRow, column: string, expiry: string, tradeDate: string): void {
  if (expiry !== '' && tradeDate !== '' && expiry < tradeDate) {
    row.fail(column, `${expiry} is before the trade date ${tradeDate}`);
  }
}

/**
 * A bhavcopy's snapshot of `product`: the trade date at the exchange's close. The catalogue's expiry time is
 * that close (NSE and BSE 15:30, US 16:00: series stop trading at the close), so a series that
 * expires on the trade date has no time left in its snapshot.
 */
export function tradeDateClose(product: Product, tradeDate: string): SnapshotTime {
  if (tradeDate === '') return { atMs: 0, order: 0, label: '' };
  return { atMs: expiryInstantMs(product, tradeDate), order: Date.parse(tradeDate), label: tradeDate };
}

/** A bhavcopy's contract once its layout has read the cells each layout names and writes its own way. */
export interface BhavcopyContract {
  kind: 'option' | 'future';
  product: Product;
  tradeDate: string;
  expiry: string;
  /** The column the expiry was read from, for messages. */
  expiryColumn: string;
}

/** The columns both NSE bhavcopies have, under each layout's own names. */
export interface BhavcopyColumns {
  strike: string;
  optionType: string;
  close: string;
  settle: string;
}

/**
 * A row of either NSE bhavcopy as the import takes it. A contract that did not trade keeps a stale close
 * (the previous day's) but gets a fresh settlement price, the clearing corporation's model price: so an
 * option is valued at its settlement, and a future at its close, its settlement when it has no close. A
 * bhavcopy has no bid or ask. `optionFields` reads what the layouts publish differently (contracts traded,
 * open interest, the underlying, the lot size); futures rows are not asked for them.
 */
export function readBhavcopyContract(
  row: CsvRow,
  columns: BhavcopyColumns,
  contract: BhavcopyContract,
  optionFields: () => Pick<OptionRow, 'volume' | 'openInterest' | 'underlying' | 'lotSize'>,
): OptionRow | FutureRow {
  const { kind, product, tradeDate, expiry, expiryColumn } = contract;
  const time = tradeDateClose(product, tradeDate);
  checkNotExpired(row, expiryColumn, expiry, tradeDate);
  const close = row.number(columns.close, { empty: 0 });
  const settle = row.number(columns.settle, { empty: 0 });
  if (kind === 'future') return { kind, product, time, expiry, price: close > 0 ? close : settle };
  return {
    kind,
    product,
    time,
    expiry,
    strike: row.number(columns.strike, { positive: true }),
    optionType: row.choice(columns.optionType, EXCHANGE_OPTION_TYPES) ?? 'CALL',
    bid: 0,
    ask: 0,
    last: settle > 0 ? settle : close,
    ...optionFields(),
  };
}
