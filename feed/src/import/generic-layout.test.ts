import { describe, expect, it } from 'vitest';
import { formatRowError } from './csv-row';
import { createOptionFileImporter } from './option-file-import';
import { catalogue, DEFAULT_RATES, fixtureText, IMPORT_FIXTURES, importText } from './testing';

const text = fixtureText(IMPORT_FIXTURES.generic);
const HEADER = 'timestamp,symbol,expiry,strike,type,bid,ask,last,volume,oi,underlying';
/** 15:00 and 16:00 in New York on Monday 30 November 2026. */
const FIRST = Date.parse('2026-11-30T20:00:00.000Z');
const SECOND = Date.parse('2026-11-30T21:00:00.000Z');

const errorsOf = (...rows: string[]) =>
  importText([HEADER, ...rows].join('\n')).summary.errors.map(formatRowError);

describe('generic option-chain layout', () => {
  it('reads several snapshots, each chain naming the one before it', () => {
    const { summary, ticks, chains } = importText(text);
    expect(summary).toMatchObject({ layout: 'generic option chain', rows: 32, options: 32, errorCount: 0 });
    expect(ticks.map((t) => [t.price, t.timestamp, t.tick_id])).toEqual([
      [278.4, '2026-11-30T20:00:00.000Z', FIRST / 500],
      [279.05, '2026-11-30T21:00:00.000Z', SECOND / 500],
    ]);
    expect(chains.map((c) => [c.expiry, c.seq, c.prev_seq])).toEqual([
      ['2026-12-04', FIRST / 1000, undefined],
      ['2026-12-18', FIRST / 1000, undefined],
      ['2026-12-04', SECOND / 1000, FIRST / 1000],
      ['2026-12-18', SECOND / 1000, FIRST / 1000],
    ]);
    // Line 19: 2026-11-30T16:00:00-05:00,AAPL,2026-12-04,275,PUT,1.21,1.25,1.22,1948,15261,279.05
    expect(chains[2]?.puts[0]).toEqual({
      symbol: 'AAPL20261204P275',
      product: 'AAPL',
      strike: 275,
      expiry: '2026-12-04',
      option_type: 'PUT',
      bid: 1.21,
      ask: 1.25,
      last: 1.22,
      volume: 1948,
      open_interest: 15_261,
      timestamp: '2026-11-30T21:00:00.000Z',
    });
    expect(chains[2]?.spot_price).toBe(279.05);
  });

  it('hands over each snapshot as soon as a row of the next arrives', () => {
    const importer = createOptionFileImporter({ products: catalogue, rates: DEFAULT_RATES });
    const lines = text.trimEnd().split('\n');
    const completedAt = lines.flatMap((line, index) => {
      const { ticks, chains } = importer.line(line, index + 1);
      return ticks.length + chains.length > 0 ? [[index + 1, ticks.length, chains.length]] : [];
    });
    expect(completedAt).toEqual([[18, 1, 2]]);
    const last = importer.end();
    expect([last.ticks.length, last.chains.length]).toEqual([1, 2]);
  });

  it('reads CE and PE as well as CALL and PUT, and a quote with no bid or ask', () => {
    const { chains } = importText(
      [
        HEADER,
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,280,ce,,,2.40,10,20,279.05',
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,280,PE,3.20,0,3.23,10,20,279.05',
      ].join('\n'),
    );
    expect(chains[0]?.calls[0]).toMatchObject({ option_type: 'CALL', bid: 0, ask: 0, last: 2.4 });
    expect(chains[0]?.puts[0]).toMatchObject({ option_type: 'PUT', bid: 3.2, ask: 0 });
  });

  it('names the line and column of what is wrong', () => {
    expect(
      errorsOf(
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,280,CALL,2.41,2.36,2.40,10,20,279.05',
        '2026-11-30T16:00:00,AAPL,2026-12-04,280,PUT,3.20,3.26,3.23,10,20,279.05',
        '2026-11-30T16:00:00-05:00,AAPL,2026-11-27,280,PUT,3.20,3.26,3.23,10,20,279.05',
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,282.5,BUY,1.40,1.44,1.41,10,20,279.05',
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,282.5,PUT,4.71,4.81,4.76,10,20.5,279.05',
      ),
    ).toEqual([
      'line 2, column bid: 2.41 is above the ask 2.36',
      'line 3, column timestamp: "2026-11-30T16:00:00" is not an ISO-8601 date-time with an offset',
      'line 4, column expiry: 2026-11-27 is before the trade date 2026-11-30',
      'line 5, column type: "BUY" is not one of CALL, PUT, CE, PE',
      'line 6, column oi: 20.5 is not a whole number',
    ]);
  });

  it("holds a snapshot's rows to one underlying price, and the file to time order", () => {
    expect(
      errorsOf(
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,280,CALL,2.36,2.41,2.40,10,20,279.05',
        '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,280,PUT,3.20,3.26,3.23,10,20,279.10',
        '2026-11-30T15:00:00-05:00,AAPL,2026-12-04,280,PUT,3.20,3.26,3.23,10,20,279.05',
      ),
    ).toEqual([
      "line 3, column underlying: 279.1 differs from 279.05, AAPL's underlying price on line 2",
      "line 4, column timestamp: rows of 2026-11-30T15:00:00-05:00 follow rows of 2026-11-30T16:00:00-05:00: a file's snapshots must be in time order",
    ]);
  });

  it('refuses two snapshots closer than the intervals that number them', () => {
    expect(
      errorsOf(
        '2026-11-30T16:00:00.000-05:00,AAPL,2026-12-04,280,CALL,2.36,2.41,2.40,10,20,279.05',
        '2026-11-30T16:00:00.400-05:00,AAPL,2026-12-04,280,CALL,2.36,2.41,2.40,10,20,279.05',
      ),
    ).toEqual([
      "line 3, column timestamp: AAPL's snapshot at 2026-11-30T21:00:00.400Z is less than a tick interval (500 ms) after the one before it: their tick ids would be the same",
    ]);
    expect(
      errorsOf(
        '2026-11-30T16:00:00.000-05:00,AAPL,2026-12-04,280,CALL,2.36,2.41,2.40,10,20,279.05',
        '2026-11-30T16:00:00.600-05:00,AAPL,2026-12-04,280,CALL,2.36,2.41,2.40,10,20,279.05',
      ),
    ).toEqual([
      'line 3, column timestamp: AAPL 2026-12-04 at 2026-11-30T21:00:00.600Z is less than a chain interval (1000 ms) after its snapshot before: their seqs would be the same',
    ]);
  });
});
