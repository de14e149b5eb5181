import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './csv-line';

describe('splitCsvLine', () => {
  it('splits on commas and keeps empty fields, a trailing one included', () => {
    expect(splitCsvLine('OPTIDX,NIFTY,,0,')).toEqual({ ok: true, fields: ['OPTIDX', 'NIFTY', '', '0', ''] });
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('"a,b","say ""hi""",c,""')).toEqual({
      ok: true,
      fields: ['a,b', 'say "hi"', 'c', ''],
    });
    expect(splitCsvLine('x,"y"')).toEqual({ ok: true, fields: ['x', 'y'] });
  });

  it('says where a quote is out of place', () => {
    expect(splitCsvLine('a,"open')).toEqual({
      ok: false,
      error: 'the quoted field at character 3 is not closed',
    });
    expect(splitCsvLine('a,"b"c,d')).toEqual({
      ok: false,
      error: 'text follows the closing quote at character 6',
    });
    expect(splitCsvLine('a,b"c",d')).toEqual({
      ok: false,
      error: 'a quote inside the unquoted field at character 3',
    });
  });
});
