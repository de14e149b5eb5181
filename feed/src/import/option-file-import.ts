import type { Product } from '@deltastream/core/schemas';
import type { FeedRates } from '@deltastream/simulator/sequence';
import { splitCsvLine } from './csv-line';
import { CsvRow, type ColumnIndex, type RowError } from './csv-row';
import type { Layout, LayoutContext, SnapshotTime } from './layout';
import { detectLayout } from './layouts';
import { createSnapshotAssembly, type SnapshotMessages } from './snapshot-assembly';

/** Errors a summary lists; past these it only counts them. */
export const MAX_LISTED_ERRORS = 100;

export interface ImportOptions {
  /** The products to import; rows of any other are skipped and counted. */
  products: readonly Product[];
  /** The feed's rates, which turn instants into tick ids and chain seqs. */
  rates: FeedRates;
  /** Lot sizes by symbol for a file that gives none (the legacy bhavcopy); default the catalogue's. */
  lotSizes?: ReadonlyMap<string, number>;
}

export interface ImportSummary {
  /** The layout the header names; undefined when it names none. */
  layout: string | undefined;
  /** Data rows read (blank lines aside). */
  rows: number;
  options: number;
  futures: number;
  /** Rows of symbols the products do not include, by symbol. */
  notListed: Record<string, number>;
  /** Rows of instruments other than options and futures, by type. */
  otherInstruments: Record<string, number>;
  /** Lot sizes the file gives that are not the catalogue's, by symbol (analytics in currency use the catalogue's). */
  lotSizesUnlikeCatalogue: Record<string, { catalogue: number; file: number[] }>;
  errorCount: number;
  /** The first MAX_LISTED_ERRORS errors, by line. */
  errors: RowError[];
  ticks: number;
  chains: number;
}

export interface OptionFileImporter {
  /** Reads line `lineNumber` (1-based); returns what the snapshots it completed produced. */
  line(text: string, lineNumber: number): SnapshotMessages;
  /** Completes the last snapshot. */
  end(): SnapshotMessages;
  summary(): ImportSummary;
}

const nothing = (): SnapshotMessages => ({ ticks: [], chains: [] });

function lookup(products: readonly Product[], lotSizes: ReadonlyMap<string, number>): LayoutContext {
  const bySymbol = new Map(products.map((product) => [product.symbol, product]));
  return {
    product(symbol, exchange) {
      const product = bySymbol.get(symbol);
      const listedThere =
        exchange === undefined || product?.exchange.toUpperCase() === exchange.toUpperCase();
      return listedThere ? product : undefined;
    },
    lotSize(product) {
      const given = lotSizes.get(product.symbol);
      return given === undefined
        ? {
            units: product.lot_size,
            source: `${product.symbol}'s lot size in the catalogue; give the lot size of the trade date if it was another`,
          }
        : { units: given, source: `the lot size given for ${product.symbol}` };
    },
  };
}

/**
 * Reads an option file line by line and turns it into the replay stream, one snapshot at a time: rows come
 * in time order (a bhavcopy is one trade date), so a snapshot is complete when a row of the next arrives and
 * only the rows of one snapshot are held, whatever the file's length. The header names the layout
 * (layouts.ts). Rows of products not imported are skipped and counted before anything else is read of them;
 * every other row is validated cell by cell, and a row with errors is left out and reported. Whether errors
 * fail the file is the caller's choice (import-file.ts).
 */
export function createOptionFileImporter({
  products,
  rates,
  lotSizes = new Map(),
}: ImportOptions): OptionFileImporter {
  const context = lookup(products, lotSizes);
  const summary: ImportSummary = {
    layout: undefined,
    rows: 0,
    options: 0,
    futures: 0,
    notListed: {},
    otherInstruments: {},
    lotSizesUnlikeCatalogue: {},
    errorCount: 0,
    errors: [],
    ticks: 0,
    chains: 0,
  };
  let headerRead = false;
  let detected: { layout: Layout; columns: ColumnIndex } | undefined;
  let assembly: ReturnType<typeof createSnapshotAssembly> | undefined;
  let current: SnapshotTime | undefined;

  function report(errors: readonly RowError[]): void {
    summary.errorCount += errors.length;
    summary.errors.push(...errors.slice(0, MAX_LISTED_ERRORS - summary.errors.length));
  }

  function finishSnapshot(): SnapshotMessages {
    if (!assembly || current === undefined) return nothing();
    const { messages, errors } = assembly.finish();
    report(errors);
    summary.ticks += messages.ticks.length;
    summary.chains += messages.chains.length;
    return messages;
  }

  function readHeader(text: string, lineNumber: number): void {
    headerRead = true;
    const split = splitCsvLine(text.replace(/^\uFEFF/, ''));
    const found = split.ok ? detectLayout(split.fields) : split;
    if (!found.ok) {
      report([{ line: lineNumber, message: found.error }]);
      return;
    }
    detected = found;
    summary.layout = found.layout.title;
    assembly = createSnapshotAssembly(found.layout.names, rates);
  }

  function readRow(text: string, lineNumber: number, layout: Layout, columns: ColumnIndex): SnapshotMessages {
    summary.rows += 1;
    const split = splitCsvLine(text);
    if (!split.ok) {
      report([{ line: lineNumber, message: split.error }]);
      return nothing();
    }
    const row = new CsvRow(lineNumber, columns, split.fields);
    const read = layout.read(row, context);
    if (row.errors.length > 0) {
      report(row.errors);
      return nothing();
    }
    if (read.kind === 'not-listed') {
      summary.notListed[read.symbol] = (summary.notListed[read.symbol] ?? 0) + 1;
      return nothing();
    }
    if (read.kind === 'other-instrument') {
      const type = read.instrument || '(none)';
      summary.otherInstruments[type] = (summary.otherInstruments[type] ?? 0) + 1;
      return nothing();
    }
    let completed = nothing();
    if (current !== undefined && read.time.order !== current.order) {
      if (read.time.order < current.order) {
        const message = `rows of ${read.time.label} follow rows of ${current.label}: a file's snapshots must be in time order`;
        report([{ line: lineNumber, column: layout.names.time, message }]);
        return nothing();
      }
      completed = finishSnapshot();
    }
    current = read.time;
    const errors = assembly?.add(read, lineNumber) ?? [];
    if (errors.length > 0) {
      report(errors);
    } else if (read.kind === 'future') {
      summary.futures += 1;
    } else {
      summary.options += 1;
      if (read.lotSize !== undefined && read.lotSize !== read.product.lot_size) {
        const sizes = (summary.lotSizesUnlikeCatalogue[read.product.symbol] ??= {
          catalogue: read.product.lot_size,
          file: [],
        });
        if (!sizes.file.includes(read.lotSize)) sizes.file.push(read.lotSize);
      }
    }
    return completed;
  }

  return {
    line(text, lineNumber) {
      if (text.trim() === '') return nothing();
      if (!headerRead) {
        readHeader(text, lineNumber);
        return nothing();
      }
      return detected ? readRow(text, lineNumber, detected.layout, detected.columns) : nothing();
    },
    end() {
      if (!headerRead) report([{ line: 1, message: 'the file is empty: a header was expected' }]);
      return finishSnapshot();
    },
    summary: () => ({ ...summary, errors: [...summary.errors].sort((a, b) => a.line - b.line) }),
  };
}
