import { describe, expect, it } from 'vitest';
import { parseCookieHeader } from './cookies';

describe('parseCookieHeader', () => {
  it('reads every pair, trimmed and percent-decoded', () => {
    expect(parseCookieHeader('next-auth.session-token=ey.J%3D; theme = dark;other="quoted"')).toEqual({
      'next-auth.session-token': 'ey.J=',
      theme: 'dark',
      other: 'quoted',
    });
  });

  it('keeps the first of two cookies with one name, and values that do not decode', () => {
    expect(parseCookieHeader('a=1; a=2; b=%E0%A4%A')).toEqual({ a: '1', b: '%E0%A4%A' });
  });

  it('ignores pairs without a name or an equals sign, and a missing header', () => {
    expect(parseCookieHeader('=x; flag; c=')).toEqual({ c: '' });
    expect(parseCookieHeader(null)).toEqual({});
  });
});
