import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChainCsvRowSchema } from '../contracts/csv-rows';
import { csvCell, csvColumns, csvLine, csvStream, encodeCsv, mapPages } from './csv';

/** Reads a stream to its end as text. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** What csvCell writes for a value: [why, value, cell]. */
const CELLS: [string, unknown, string][] = [
  ['a number as JavaScript prints it, at full precision', 0.1 + 0.2, '0.30000000000000004'],
  ['a number as JavaScript prints it, at full precision', 1e21, '1e+21'],
  ['a number as JavaScript prints it, at full precision', -0.000123, '-0.000123'],
  ['a number as JavaScript prints it, at full precision', 26150, '26150'],
  ['null as empty', null, ''],
  ['undefined as empty', undefined, ''],
  ['a non-finite number as empty', Number.NaN, ''],
  ['a non-finite number as empty', Number.POSITIVE_INFINITY, ''],
  ['a boolean as its word', true, 'true'],
  ['an instant as ISO-8601', new Date(Date.UTC(2026, 11, 4, 9, 15, 0, 250)), '2026-12-04T09:15:00.250Z'],
  ['an ISO-8601 string as it is', '2026-12-04T09:15:00.000Z', '2026-12-04T09:15:00.000Z'],
  ['a comma quoted', 'a,b', '"a,b"'],
  ['a quote quoted and doubled', 'say "hi"', '"say ""hi"""'],
  ['a line feed quoted', 'two\nlines', '"two\nlines"'],
  ['a carriage return quoted', 'cr\rhere', '"cr\rhere"'],
  ['plain text as it is', 'plain', 'plain'],
  // A spreadsheet would run these as formulas: a leading apostrophe defuses them.
  ['a formula defused', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
  ['a formula defused', '+1', "'+1"],
  ['a formula defused', '-1+2', "'-1+2"],
  ['a formula defused', '@SUM(A1)', "'@SUM(A1)"],
  ['a formula defused', '\tx', "'\tx"],
  // Numbers are numbers, never text: a negative price stays a number.
  ['a negative number as a number', -12.5, '-12.5'],
  ['an enum value as it is', 'LONG_BUILDUP', 'LONG_BUILDUP'],
];

describe('CSV cells (RFC 4180)', () => {
  it.each(CELLS)('writes %s: %j → %j', (_why, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 1, null, 'x,y'])).toBe('a,1,,"x,y"\r\n');
  });
});

describe('CSV columns and documents', () => {
  const Row = z.object({
    strike: z.number(),
    call: z.object({ iv: z.number().nullable(), greeks: z.object({ delta: z.number() }) }).nullable(),
    put: z.object({ iv: z.number().nullable() }).optional(),
    note: z.string().default(''),
  });

  it('flattens nested objects into dotted wire names, in the schema’s order', () => {
    expect(csvColumns(Row)).toEqual(['strike', 'call.iv', 'call.greeks.delta', 'put.iv', 'note']);
  });

  it('leaves a missing side empty and writes a header even without rows', () => {
    const columns = csvColumns(Row);
    expect(
      encodeCsv(columns, [
        { strike: 100, call: { iv: 0.2, greeks: { delta: 0.5 } }, put: { iv: null }, note: 'a "b"' },
        { strike: 105, call: null },
      ]),
    ).toBe('strike,call.iv,call.greeks.delta,put.iv,note\r\n100,0.2,0.5,,"a ""b"""\r\n105,,,,\r\n');
    expect(encodeCsv(columns, [])).toBe('strike,call.iv,call.greeks.delta,put.iv,note\r\n');
  });

  it('gives a chain row both sides under call.* and put.*, without repeating what the row says', () => {
    const columns = csvColumns(ChainCsvRowSchema);
    expect(columns.slice(0, 4)).toEqual(['expiry', 'timestamp', 'spot_price', 'strike']);
    expect(columns).toContain('call.iv');
    expect(columns).toContain('put.open_interest');
    expect(columns).not.toContain('call.strike');
    expect(columns.filter((c) => c.startsWith('call.')).length).toBe(
      columns.filter((c) => c.startsWith('put.')).length,
    );
  });
});

describe('CSV streams', () => {
  it('sends the header before the first page is read, then each page as it comes', async () => {
    let release!: () => void;
    const firstPageRead = new Promise<void>((resolve) => (release = resolve));
    let pagesRead = 0;
    async function* pages() {
      await firstPageRead;
      pagesRead += 1;
      yield [{ a: 1 }, { a: 2 }];
      pagesRead += 1;
      yield [];
      pagesRead += 1;
      yield [{ a: 3 }];
    }
    const reader = csvStream(['a'], pages(), () => {}).getReader();
    const decoder = new TextDecoder();
    const header = await reader.read();
    expect(decoder.decode(header.value)).toBe('a\r\n');
    expect(pagesRead).toBe(0);
    release();
    expect(decoder.decode((await reader.read()).value)).toBe('1\r\n2\r\n');
    expect(pagesRead).toBe(1);
    // The empty page enqueues nothing; the next read goes on to the page after it.
    expect(decoder.decode((await reader.read()).value)).toBe('3\r\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('reads a page only when the consumer asks for more (memory stays one page)', async () => {
    let pagesRead = 0;
    async function* pages() {
      for (let page = 0; page < 1000; page += 1) {
        pagesRead += 1;
        yield [{ a: page }];
      }
    }
    const reader = csvStream(['a'], pages(), () => {}).getReader();
    await reader.read();
    await reader.read();
    await reader.read();
    // The stream's queue holds at most one chunk ahead of the reader.
    expect(pagesRead).toBeLessThanOrEqual(3);
    await reader.cancel();
    expect(pagesRead).toBeLessThanOrEqual(3);
  });

  it('takes pages at hand as well as an async source', async () => {
    expect(await readAll(csvStream(['a', 'b'], [[{ a: 1, b: 'x' }], [{ a: 2 }]], () => {}))).toBe(
      'a,b\r\n1,x\r\n2,\r\n',
    );
  });

  it('aborts the stream after the header when the source fails, and reports the error', async () => {
    const errors: unknown[] = [];
    async function* pages(): AsyncGenerator<object[]> {
      yield [{ a: 1 }];
      throw new Error('connection lost');
    }
    await expect(readAll(csvStream(['a'], pages(), (error) => errors.push(error)))).rejects.toThrow(
      'connection lost',
    );
    expect(errors).toHaveLength(1);
  });

  it('maps keyset pages row by row and keeps their pages', async () => {
    async function* pages() {
      yield [1, 2];
      yield [3];
    }
    const mapped: string[][] = [];
    for await (const page of mapPages(pages(), (n) => `#${n}`)) mapped.push(page);
    expect(mapped).toEqual([['#1', '#2'], ['#3']]);
  });
});
