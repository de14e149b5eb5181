import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptionChain, UnderlyingTick } from '@deltastream/core/schemas';
import { formatRecordLines, openRecorder, parseRecordLine, readRecording } from './recording';

const timestamp = '2026-11-24T04:00:00.000Z';
const tick: UnderlyingTick = {
  type: 'UNDERLYING',
  product: 'NIFTY',
  price: 21_500,
  timestamp,
  tick_id: 3_590_985_600,
};
const chain: OptionChain = {
  product: 'NIFTY',
  expiry: '2026-11-24',
  spot_price: 21_500,
  strikes: [21_500],
  calls: [
    {
      symbol: 'NIFTY20261124C21500',
      product: 'NIFTY',
      strike: 21_500,
      expiry: '2026-11-24',
      option_type: 'CALL',
      bid: 50,
      ask: 50.3,
      last: 50.1,
      volume: 10,
      open_interest: 1000,
      timestamp,
    },
  ],
  puts: [],
  timestamp,
  seq: 1_795_492_800,
};

const directory = mkdtempSync(join(tmpdir(), 'feed-recording-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('recording format', () => {
  it('writes one tagged JSON object per line and reads it back', () => {
    const text = formatRecordLines([tick], [chain]);
    expect(text.split('\n')).toHaveLength(3);
    const [tickLine = '', chainLine = ''] = text.split('\n');
    expect(JSON.parse(tickLine)).toEqual({ kind: 'tick', ...tick });
    expect(parseRecordLine(tickLine)).toEqual({ ok: true, message: { kind: 'tick', tick } });
    expect(parseRecordLine(chainLine)).toEqual({ ok: true, message: { kind: 'chain', chain } });
  });

  it('says what is wrong with a bad line', () => {
    expect(parseRecordLine('{"kind":"tick",')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not JSON/),
    });
    expect(parseRecordLine('[1]')).toEqual({ ok: false, error: 'not a JSON object' });
    expect(parseRecordLine('{"kind":"quote"}')).toEqual({
      ok: false,
      error: 'kind must be "tick" or "chain", got "quote"',
    });
    expect(parseRecordLine(JSON.stringify({ kind: 'tick', ...tick, price: -1 }))).toEqual({
      ok: false,
      error: 'invalid tick: price: Too small: expected number to be >0',
    });
    const crossed = { ...chain, calls: [{ ...chain.calls[0], bid: 51 }] };
    expect(parseRecordLine(JSON.stringify({ kind: 'chain', ...crossed }))).toEqual({
      ok: false,
      error: 'invalid chain: calls.0.bid: bid must not exceed ask',
    });
  });

  it('appends across sessions and numbers lines from 1, skipping blank ones', async () => {
    const path = join(directory, 'session.jsonl');
    for (let session = 0; session < 2; session += 1) {
      const recorder = await openRecorder(path);
      await recorder.append([tick], session === 0 ? [chain] : []);
      await recorder.close();
    }
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nnot json\n`);
    const entries = [];
    for await (const entry of readRecording(path)) entries.push(entry);
    expect(entries.map((e) => [e.lineNumber, e.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [5, false],
    ]);
  });

  it('fails to open a recorder where no file can be written', async () => {
    await expect(openRecorder(join(directory, 'missing', 'x.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});
