import { describe, expect, it } from 'vitest';
import { arrayLiteral } from './unnest';

describe('arrayLiteral', () => {
  it('writes numeric columns with nulls', () => {
    expect(arrayLiteral([1, 2.5, null, -0.001, 1e-7, 21_500])).toBe('{1,2.5,null,-0.001,1e-7,21500}');
  });

  it('quotes and escapes strings, and writes booleans and nulls in mixed columns', () => {
    expect(arrayLiteral(['NIFTY', 'a"b', 'c\\d', null, 'x,y'])).toBe('{"NIFTY","a\\"b","c\\\\d",null,"x,y"}');
    // A control character: written as itself inside the quotes, not as JSON's \n (which PostgreSQL reads as n).
    expect(arrayLiteral(['a\nb', null])).toBe('{"a\nb",NULL}');
    expect(arrayLiteral(['c\\n'])).toBe('{"c\\\\n"}');
    expect(arrayLiteral([true, false, null])).toBe('{t,f,NULL}');
  });
});
