import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRecordLines } from '../recording';
import { importOptionFile } from './import-file';
import { describeImport } from './import-report';
import { catalogue, DEFAULT_RATES, fixtureText, IMPORT_FIXTURES, importText } from './testing';

const directory = mkdtempSync(join(tmpdir(), 'feed-import-file-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const options = { products: catalogue, rates: DEFAULT_RATES };

describe('importOptionFile', () => {
  it('writes the recording the in-memory import gives, and says what it did', async () => {
    const output = join(directory, 'udiff.jsonl');
    writeFileSync(output, 'an older recording\n');
    const result = await importOptionFile({ ...options, input: IMPORT_FIXTURES.udiff, output });
    expect(result.failure).toBeUndefined();
    const { ticks, chains } = importText(fixtureText(IMPORT_FIXTURES.udiff));
    expect(readFileSync(output, 'utf8')).toBe(formatRecordLines(ticks, chains));
    expect(describeImport({ ...result, durationMs: 12.4 }, output)).toEqual([
      'NSE F&O bhavcopy (UDiFF): 37 rows, 32 options and 2 futures of the products imported, read in 12 ms',
      'skipped, not a product imported: RELIANCE 2, MIDCPNIFTY 1',
      "NIFTY: lots of 65 in the file, 75 in the catalogue (open interest counts the file's lots; amounts in currency use the catalogue's)",
      "BANKNIFTY: lots of 30 in the file, 35 in the catalogue (open interest counts the file's lots; amounts in currency use the catalogue's)",
      `wrote 2 ticks and 4 chains to ${output}; replay it: FEED_MODE=replay FEED_REPLAY_FILE=${output} FEED_REPLAY_SPEED=0`,
    ]);
  });

  it('writes nothing when a row is bad, unless told to skip bad rows', async () => {
    const output = join(directory, 'bad.jsonl');
    const failed = await importOptionFile({ ...options, input: IMPORT_FIXTURES.badRows, output });
    expect(failed.failure).toBe('10 errors, so nothing was imported');
    expect(existsSync(output)).toBe(false);
    expect(describeImport(failed, output).slice(-3)).toEqual([
      "  line 11, column UndrlygPric: 26210 differs from 26202.95, NIFTY's underlying price on line 2",
      '  line 13: a quote inside the unquoted field at character 41',
      'nothing written: 10 errors, so nothing was imported (--skip-bad-rows imports the rows that read)',
    ]);

    const skipped = await importOptionFile({
      ...options,
      input: IMPORT_FIXTURES.badRows,
      output,
      skipBadRows: true,
    });
    expect(skipped.failure).toBeUndefined();
    expect(readFileSync(output, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('fails a file with nothing to import, and one it cannot read', async () => {
    const input = join(directory, 'only-stocks.csv');
    writeFileSync(
      input,
      fixtureText(IMPORT_FIXTURES.udiff)
        .split('\n')
        .filter((line) => !line.includes(',NIFTY,') && !line.includes('BANKNIFTY'))
        .join('\n'),
    );
    const output = join(directory, 'none.jsonl');
    const result = await importOptionFile({ ...options, input, output });
    expect(result.failure).toBe('the file has no option of the products imported');
    expect(existsSync(output)).toBe(false);

    await expect(
      importOptionFile({ ...options, input: join(directory, 'missing.csv'), output }),
    ).rejects.toThrow(/ENOENT/);
    expect(readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
