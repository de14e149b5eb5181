import { zonedDate } from '@deltastream/core/calendar';
import type { OptionType } from '@deltastream/core/schemas';
import type { CsvRow } from './csv-row';
import { checkNotExpired, EXCHANGE_OPTION_TYPES, type ImportedRow, type Layout } from './layout';

/**
 * The generic layout, for option data from any source (feed/README.md, "Importing end-of-day data"):
 *
 *   timestamp,symbol,expiry,strike,type,bid,ask,last,volume,oi,underlying
 *
 * One row per contract per snapshot; a file may hold several snapshots, in time order. `timestamp` is
 * ISO-8601 with an offset (the snapshot's instant), `expiry` YYYY-MM-DD, `type` CALL/PUT or CE/PE; `bid`,
 * `ask` and `last` are prices (empty or 0: none), `volume` and `oi` count contracts, `underlying` is the
 * underlying's price at the snapshot, the same on every row of a product's snapshot.
 */
const COLUMNS = {
  timestamp: 'timestamp',
  symbol: 'symbol',
  expiry: 'expiry',
  strike: 'strike',
  type: 'type',
  bid: 'bid',
  ask: 'ask',
  last: 'last',
  volume: 'volume',
  openInterest: 'oi',
  underlying: 'underlying',
} as const;

const OPTION_TYPES: Readonly<Record<string, OptionType>> = {
  CALL: 'CALL',
  PUT: 'PUT',
  ...EXCHANGE_OPTION_TYPES,
};

export const GENERIC_LAYOUT: Layout = {
  id: 'generic',
  title: 'generic option chain',
  signature: [COLUMNS.timestamp, COLUMNS.symbol, COLUMNS.underlying],
  columns: Object.values(COLUMNS),
  names: {
    symbol: COLUMNS.symbol,
    strike: COLUMNS.strike,
    time: COLUMNS.timestamp,
    underlying: COLUMNS.underlying,
  },
  read(row: CsvRow, context): ImportedRow {
    const symbol = row.text(COLUMNS.symbol);
    const product = context.product(symbol);
    if (!product) return { kind: 'not-listed', symbol };

    const atMs = row.instant(COLUMNS.timestamp);
    const expiry = row.isoDate(COLUMNS.expiry);
    checkNotExpired(row, COLUMNS.expiry, expiry, atMs === 0 ? '' : zonedDate(atMs, product.time_zone));
    const bid = row.number(COLUMNS.bid, { empty: 0 });
    const ask = row.number(COLUMNS.ask, { empty: 0 });
    // The wire's rule (OptionQuoteSchema): an ask of 0 is "no ask", any other must not be below the bid.
    if (ask > 0 && bid > ask) row.fail(COLUMNS.bid, `${bid} is above the ask ${ask}`);
    return {
      kind: 'option',
      product,
      time: { atMs, order: atMs, label: row.cell(COLUMNS.timestamp) },
      expiry,
      strike: row.number(COLUMNS.strike, { positive: true }),
      optionType: row.choice(COLUMNS.type, OPTION_TYPES) ?? 'CALL',
      bid,
      ask,
      last: row.number(COLUMNS.last, { empty: 0 }),
      volume: row.count(COLUMNS.volume),
      openInterest: row.count(COLUMNS.openInterest),
      underlying: row.number(COLUMNS.underlying, { positive: true }),
      lotSize: undefined,
    };
  },
};
