import type { CsvRow } from './csv-row';
import { contractsFromUnits, type ImportedRow, type Layout, readBhavcopyContract } from './layout';

/**
 * NSE's F&O bhavcopy as published until 5 July 2024, `fo<DD><MON><YYYY>bhav.csv`: INSTRUMENT, SYMBOL,
 * EXPIRY_DT, STRIKE_PR, OPTION_TYP, OPEN, HIGH, LOW, CLOSE, SETTLE_PR, CONTRACTS, VAL_INLAKH, OPEN_INT,
 * CHG_IN_OI, TIMESTAMP, and an empty column after the trailing comma every line ends with. Described at
 * tradingqna.com/t/read-nse-fno-bhavcopy/42141 (CONTRACTS: contracts traded; SETTLE_PR: the day's
 * settlement price) and read by github.com/RuchiTanmay/nselib (derivatives/derivative_data.py,
 * fno_bhav_copy). Dates are DD-MON-YYYY (EXPIRY_DT `25-Jul-2024`, TIMESTAMP `05-JUL-2024`); INSTRUMENT is
 * OPTIDX/OPTSTK/FUTIDX/FUTSTK (and FUTIVX, not read); OPTION_TYP CE/PE, XX on futures; STRIKE_PR 0 on
 * futures.
 *
 * OPEN_INT counts units of the underlying, as in the UDiFF file, but this layout has no lot size: the
 * import divides by the lot size given for it or the catalogue's, and a remainder says the lot size was
 * another on the trade date. Nor has it the underlying's price: the nearest futures close stands in
 * (snapshot-assembly.ts).
 */
const COLUMNS = {
  instrument: 'INSTRUMENT',
  symbol: 'SYMBOL',
  expiry: 'EXPIRY_DT',
  strike: 'STRIKE_PR',
  optionType: 'OPTION_TYP',
  close: 'CLOSE',
  settle: 'SETTLE_PR',
  contracts: 'CONTRACTS',
  openInterest: 'OPEN_INT',
  tradeDate: 'TIMESTAMP',
} as const;

const INSTRUMENTS: Readonly<Record<string, 'option' | 'future'>> = {
  OPTIDX: 'option',
  OPTSTK: 'option',
  FUTIDX: 'future',
  FUTSTK: 'future',
};

/** The legacy file is NSE's alone. */
const EXCHANGE = 'NSE';

export const NSE_LEGACY_BHAVCOPY: Layout = {
  id: 'nse-legacy',
  title: 'NSE F&O bhavcopy (legacy, until July 2024)',
  signature: [COLUMNS.instrument, COLUMNS.symbol, COLUMNS.optionType],
  columns: Object.values(COLUMNS),
  names: { symbol: COLUMNS.symbol, strike: COLUMNS.strike, time: COLUMNS.tradeDate },
  read(row: CsvRow, context): ImportedRow {
    const instrument = row.cell(COLUMNS.instrument).toUpperCase();
    const kind = INSTRUMENTS[instrument];
    if (kind === undefined) return { kind: 'other-instrument', instrument };
    const symbol = row.text(COLUMNS.symbol);
    const product = context.product(symbol, EXCHANGE);
    if (!product) return { kind: 'not-listed', symbol };

    const tradeDate = row.nseDate(COLUMNS.tradeDate);
    const expiry = row.nseDate(COLUMNS.expiry);
    return readBhavcopyContract(
      row,
      COLUMNS,
      { kind, product, tradeDate, expiry, expiryColumn: COLUMNS.expiry },
      () => ({
        volume: row.count(COLUMNS.contracts),
        openInterest: contractsFromUnits(
          row,
          COLUMNS.openInterest,
          row.count(COLUMNS.openInterest),
          context.lotSize(product),
        ),
        underlying: undefined,
        lotSize: undefined,
      }),
    );
  },
};
