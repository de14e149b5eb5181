/**
 * CSV as RFC 4180 writes it: a header row, CRLF line ends, a field quoted (its quotes doubled) when it
 * holds a comma, a quote or a line break. Cells are the wire values: numbers as JavaScript prints them
 * (the shortest text that reads back to the same double, as JSON has them), null and missing as an empty
 * cell, instants as the ISO-8601 strings the JSON carries (a Date is printed so too), nested objects
 * flattened into dotted column names (`call.iv`). A text cell a spreadsheet would read as a formula
 * (starting with =, +, -, @, tab or carriage return; OWASP's list) gets a leading apostrophe, so opening
 * a download never runs what a field happened to hold.
 */
import { z } from 'zod';

/** What one CSV row is built from: a flat or nested object of wire values. */
export type CsvRecord = object;

/** Rows in pages: an async source read page by page, or pages at hand. */
export type CsvPages = AsyncIterable<readonly CsvRecord[]> | Iterable<readonly CsvRecord[]>;

const CRLF = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The rows of `pages` mapped by `row`, page by page as they are read (keyset pages become CSV pages). */
export async function* mapPages<T, U>(
  pages: AsyncIterable<readonly T[]>,
  row: (value: T) => U,
): AsyncGenerator<U[]> {
  for await (const page of pages) yield page.map(row);
}

/** One cell's text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line: the cells joined by commas, ended by CRLF. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + CRLF;
}

/** Strips what does not change a field's shape: optional, nullable, default, readonly. */
function bareField(schema: z.ZodType): z.ZodType {
  let field = schema;
  while (
    field instanceof z.ZodOptional ||
    field instanceof z.ZodNullable ||
    field instanceof z.ZodDefault ||
    field instanceof z.ZodReadonly
  ) {
    field = field.unwrap() as z.ZodType;
  }
  return field;
}

/**
 * The columns of a row schema in wire names, in the schema's order: an object field becomes its own
 * fields under `name.` (recursively), everything else one column.
 */
export function csvColumns(schema: z.ZodObject, prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([name, field]) => {
    const bare = bareField(field as z.ZodType);
    return bare instanceof z.ZodObject ? csvColumns(bare, `${prefix}${name}.`) : [`${prefix}${name}`];
  });
}

/** The value at a dotted column name; missing (a null side of a strike, say) reads as undefined. */
function valueAt(record: CsvRecord, column: string): unknown {
  let value: unknown = record;
  for (const key of column.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A record's line under `columns`. */
export function csvRecordLine(columns: readonly string[], record: CsvRecord): string {
  return csvLine(columns.map((column) => valueAt(record, column)));
}

/** A whole CSV document: the header and one line per record. */
export function encodeCsv(columns: readonly string[], records: Iterable<CsvRecord>): string {
  let text = csvLine(columns);
  for (const record of records) text += csvRecordLine(columns, record);
  return text;
}

const utf8 = new TextEncoder();

/**
 * A CSV document as a byte stream: the header at once, then one chunk per page of records, each page
 * read only when the consumer asks for more (pull), so a long range is never held in memory whole. An
 * error after the header aborts the stream (the status is already sent) and is passed to `onError`.
 */
export function csvStream(
  columns: readonly string[],
  pages: CsvPages,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = (async function* () {
    yield* pages;
  })();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(utf8.encode(csvLine(columns)));
        return;
      }
      try {
        // An empty page enqueues nothing, and a pull that enqueues nothing is not called again: read on.
        for (;;) {
          const next = await iterator.next();
          if (next.done) return controller.close();
          let text = '';
          for (const record of next.value) text += csvRecordLine(columns, record);
          if (text !== '') return controller.enqueue(utf8.encode(text));
        }
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}
