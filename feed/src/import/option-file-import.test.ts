import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { chainJobId, tickJobId } from '@deltastream/bus/job-id';
import { ChainJobSchema, TickBatchJobSchema } from '@deltastream/bus/queues';
import { createCapturingQueues } from '../capturing-queues';
import { formatRecordLines, parseRecordLine } from '../recording';
import { createReplay } from '../replay';
import { formatRowError } from './csv-row';
import { MAX_LISTED_ERRORS } from './option-file-import';
import { fixtureText, IMPORT_FIXTURES, importText } from './testing';

const directory = mkdtempSync(join(tmpdir(), 'feed-import-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const legacyLots = new Map([
  ['NIFTY', 25],
  ['BANKNIFTY', 15],
]);

describe('importing an option file', () => {
  it('lists every bad row with its line and column, and leaves those rows out', () => {
    const { summary, chains } = importText(fixtureText(IMPORT_FIXTURES.badRows));
    expect(summary.errors.map(formatRowError)).toEqual([
      'line 4, column StrkPric: "abc" is not a number',
      'line 5, column OptnTp: "XX" is not one of CE, PE',
      'line 6, column OpnIntrst: 1000001 units is not a whole number of lots of 65 (NewBrdLotQty of the row)',
      'line 7, column XpryDt: "2026-13-01" is not a date (YYYY-MM-DD)',
      'line 8, column FininstrmActlXpryDt: 2026-11-25 is before the trade date 2026-11-27',
      'line 9, column SttlmPric: "1O5.20" is not a number',
      'line 9, column TtlTradgVol: -5 must be at least 0',
      'line 10, column StrkPric: NIFTY 2026-12-01 26200 CALL is already on line 2',
      "line 11, column UndrlygPric: 26210 differs from 26202.95, NIFTY's underlying price on line 2",
      'line 13: a quote inside the unquoted field at character 41',
    ]);
    expect(summary.errorCount).toBe(10);
    // Line 12 is a RELIANCE row with a bad strike: skipped as a product not imported, never read further.
    expect(summary.notListed).toEqual({ RELIANCE: 1 });
    // Lines 2, 3 and 14 read.
    expect(chains.map((c) => [c.expiry, c.strikes, c.calls.length, c.puts.length])).toEqual([
      ['2026-12-01', [26_200, 26_300], 2, 1],
    ]);
  });

  it('lists the first errors and counts the rest', () => {
    const bad = '2026-11-30T16:00:00-05:00,AAPL,2026-12-04,x,CALL,2.36,2.41,2.40,10,20,279.05';
    const text = ['timestamp,symbol,expiry,strike,type,bid,ask,last,volume,oi,underlying']
      .concat(Array.from({ length: 150 }, () => bad))
      .join('\n');
    const { summary } = importText(text);
    expect(summary.errorCount).toBe(150);
    expect(summary.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(summary.errors.at(-1)).toEqual({ line: 101, column: 'strike', message: '"x" is not a number' });
  });

  it('tells a header it cannot read from one that lacks columns', () => {
    expect(importText('a,b,c\n1,2,3').summary).toMatchObject({
      layout: undefined,
      rows: 0,
      errors: [
        {
          line: 1,
          message:
            'the header is of none of the layouts the import reads: NSE F&O bhavcopy (UDiFF) (TradDt, FinInstrmTp, TckrSymb, …); NSE F&O bhavcopy (legacy, until July 2024) (INSTRUMENT, SYMBOL, OPTION_TYP, …); generic option chain (timestamp, symbol, underlying, …)',
        },
      ],
    });
    expect(importText('TIMESTAMP,SYMBOL,UNDERLYING,Type\n').summary.errors).toEqual([
      {
        line: 1,
        message: 'the header of a generic option chain lacks expiry, strike, bid, ask, last, volume, oi',
      },
    ]);
    expect(importText('').summary.errors).toEqual([
      { line: 1, message: 'the file is empty: a header was expected' },
    ]);
  });

  it('reads a header after a byte-order mark, in any case, with CRLF line ends', () => {
    const text = fixtureText(IMPORT_FIXTURES.generic)
      .replace(/\n/g, '\r\n')
      .replace('timestamp', '\uFEFFTimeStamp');
    expect(importText(text).summary).toMatchObject({ errorCount: 0, chains: 4 });
  });

  it('writes lines the replay reads as wire messages, the same for the same file', () => {
    for (const [file, lotSizes] of [
      [IMPORT_FIXTURES.udiff, undefined],
      [IMPORT_FIXTURES.legacy, legacyLots],
      [IMPORT_FIXTURES.generic, undefined],
    ] as const) {
      const first = importText(fixtureText(file), { lotSizes });
      const lines = formatRecordLines(first.ticks, first.chains).trimEnd().split('\n');
      expect(lines).toHaveLength(first.ticks.length + first.chains.length);
      for (const line of lines) {
        const parsed = parseRecordLine(line);
        expect(parsed).toMatchObject({ ok: true });
        if (parsed.ok && parsed.message.kind === 'chain') ChainJobSchema.parse(parsed.message.chain);
        if (parsed.ok && parsed.message.kind === 'tick')
          TickBatchJobSchema.parse({ ticks: [parsed.message.tick] });
      }
      const again = importText(fixtureText(file), { lotSizes });
      expect(formatRecordLines(again.ticks, again.chains)).toBe(formatRecordLines(first.ticks, first.chains));
    }
  });

  it('replays into the same job ids every time, so a second import adds nothing', async () => {
    const { ticks, chains } = importText(fixtureText(IMPORT_FIXTURES.udiff));
    const file = join(directory, 'udiff.jsonl');
    writeFileSync(file, formatRecordLines(ticks, chains));
    const replayOnce = async () => {
      const capture = createCapturingQueues();
      const replay = createReplay({
        file,
        speed: 0,
        queues: capture.queues,
        logger: pino({ level: 'silent' }),
        registry: new Registry(),
      });
      expect(await replay.run()).toEqual({ ticks: 2, chains: 4, skipped: [], completed: true });
      return capture.jobIds();
    };
    const closeMs = Date.parse('2026-11-27T10:00:00.000Z');
    const first = await replayOnce();
    expect(first).toEqual({
      ticks: [tickJobId('BANKNIFTY', closeMs / 500), tickJobId('NIFTY', closeMs / 500)],
      chains: [
        chainJobId('BANKNIFTY', '2026-12-29', closeMs / 1000),
        chainJobId('BANKNIFTY', '2027-01-25', closeMs / 1000),
        chainJobId('NIFTY', '2026-12-01', closeMs / 1000),
        chainJobId('NIFTY', '2026-12-29', closeMs / 1000),
      ],
    });
    expect(await replayOnce()).toEqual(first);
  });
});
