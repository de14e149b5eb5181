import { describe, expect, it } from 'vitest';
import type { OptionChain } from '@deltastream/core/schemas';
import { formatRowError } from './csv-row';
import { fixtureText, IMPORT_FIXTURES, importText } from './testing';

const text = fixtureText(IMPORT_FIXTURES.legacy);
/** The lot sizes of July 2024, before NSE's revisions of November 2024. */
const lotSizes = new Map([
  ['NIFTY', 25],
  ['BANKNIFTY', 15],
]);
/** 15:30 in Mumbai on Friday 5 July 2024, the last legacy file's trade date. */
const CLOSE = '2024-07-05T10:00:00.000Z';

const chainOf = (chains: OptionChain[], product: string, expiry: string) =>
  chains.find((c) => c.product === product && c.expiry === expiry) as OptionChain;

describe('NSE F&O bhavcopy, legacy layout', () => {
  it('reads options with the lot sizes of the trade date and the nearest future as the underlying', () => {
    const { summary, ticks, chains } = importText(text, { lotSizes });
    expect(summary).toMatchObject({
      layout: 'NSE F&O bhavcopy (legacy, until July 2024)',
      rows: 25,
      options: 20,
      futures: 3,
      notListed: { RELIANCE: 2 },
      lotSizesUnlikeCatalogue: {},
      errorCount: 0,
    });
    // NIFTY futures close at 24394.6 (July) and 24518.9 (August): the July one is nearer.
    expect(ticks.map((t) => [t.product, t.price, t.timestamp])).toEqual([
      ['BANKNIFTY', 52_874.35, CLOSE],
      ['NIFTY', 24_394.6, CLOSE],
    ]);
    // Expiries the catalogue's rule (Tuesdays) would not list: real data wins.
    expect(chains.map((c) => `${c.product} ${c.expiry}`)).toEqual([
      'BANKNIFTY 2024-07-10',
      'BANKNIFTY 2024-07-31',
      'NIFTY 2024-07-11',
      'NIFTY 2024-07-25',
    ]);
    // Line 6: OPTIDX,NIFTY,11-Jul-2024,24200,CE,...,CLOSE 233.1,SETTLE_PR 233.1,CONTRACTS 122991,...,OPEN_INT 4006175
    expect(chainOf(chains, 'NIFTY', '2024-07-11').calls[0]).toEqual({
      symbol: 'NIFTY20240711C24200',
      product: 'NIFTY',
      strike: 24_200,
      expiry: '2024-07-11',
      option_type: 'CALL',
      bid: 0,
      ask: 0,
      last: 233.1,
      volume: 122_991,
      open_interest: 160_247,
      timestamp: CLOSE,
    });
    // Line 17, not traded: CLOSE 339.3 is stale, SETTLE_PR 287.55 is the day's.
    expect(chainOf(chains, 'NIFTY', '2024-07-25').puts[2]).toMatchObject({
      strike: 24_400,
      last: 287.55,
      volume: 0,
      open_interest: 134_433,
    });
  });

  it("names OPEN_INT when it is no whole number of the catalogue's lots", () => {
    const { summary } = importText(text);
    expect(summary.errorCount).toBe(12);
    expect(formatRowError(summary.errors[0]!)).toBe(
      "line 6, column OPEN_INT: 4006175 units is not a whole number of lots of 75 (NIFTY's lot size in the catalogue; give the lot size of the trade date if it was another)",
    );
  });

  it('cannot import options without a future to stand for the underlying', () => {
    const withoutFutures = text
      .split('\n')
      .filter((line) => !line.startsWith('FUTIDX,NIFTY'))
      .join('\n');
    const { summary, chains } = importText(withoutFutures, { lotSizes });
    // Without its two futures lines, the first NIFTY option is on line 4.
    expect(summary.errors.map(formatRowError)).toEqual([
      'line 4, column SYMBOL: no underlying price for NIFTY at 2024-07-05T10:00:00.000Z: no future of it has a close',
    ]);
    expect(chains.map((c) => c.product)).toEqual(['BANKNIFTY', 'BANKNIFTY']);
  });

  it('rejects a row that expired before its trade date', () => {
    const expired = text.replace('FUTIDX,NIFTY,25-Jul-2024', 'FUTIDX,NIFTY,27-Jun-2024');
    expect(importText(expired, { lotSizes }).summary.errors.map(formatRowError)).toEqual([
      'line 2, column EXPIRY_DT: 2024-06-27 is before the trade date 2024-07-05',
    ]);
  });
});
