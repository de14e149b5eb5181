import { describe, expect, it } from 'vitest';
import { parseImportArgs } from './import-args';
import { catalogue } from './testing';

const parse = (...argv: string[]) => parseImportArgs(argv, catalogue);

describe('parseImportArgs', () => {
  it('reads the file, the output, the policy for bad rows and lot sizes', () => {
    expect(
      parse('fo05JUL2024bhav.csv', '--out', 's.jsonl', '--lot-size', 'NIFTY=25', '--lot-size=BANKNIFTY=15'),
    ).toEqual({
      ok: true,
      args: {
        input: 'fo05JUL2024bhav.csv',
        output: 's.jsonl',
        skipBadRows: false,
        lotSizes: new Map([
          ['NIFTY', 25],
          ['BANKNIFTY', 15],
        ]),
      },
    });
    expect(parse('x.csv', '--skip-bad-rows', '--out', 's.jsonl')).toMatchObject({
      ok: true,
      args: { skipBadRows: true, lotSizes: new Map() },
    });
  });

  it('says what is wrong', () => {
    expect(parse('x.csv')).toEqual({ ok: false, error: '--out is required' });
    expect(parse('--out', 's.jsonl')).toEqual({ ok: false, error: 'name one file to import' });
    expect(parse('x.csv', '--out', 's.jsonl', '--lot-size', 'NIFTY=0')).toEqual({
      ok: false,
      error: '--lot-size NIFTY=0: expected SYMBOL=UNITS, e.g. NIFTY=25',
    });
    expect(parse('x.csv', '--out', 's.jsonl', '--lot-size', 'RELIANCE=250')).toEqual({
      ok: false,
      error: '--lot-size RELIANCE=250: RELIANCE is not a product imported',
    });
    expect(parse('x.csv', '--out', 's.jsonl', '--speed', '2')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unknown option '--speed'/),
    });
  });
});
