import { describe, expect, it } from 'vitest';
import { tokenFromHandshake } from './auth';

describe('handshake token', () => {
  it('prefers the auth payload, then the bearer header, then the query', () => {
    expect(
      tokenFromHandshake({
        auth: { token: 'a' },
        headers: { authorization: 'Bearer b' },
        query: { token: 'c' },
      }),
    ).toEqual({ ok: true, token: 'a' });
    expect(
      tokenFromHandshake({ auth: {}, headers: { authorization: 'bearer b' }, query: { token: 'c' } }),
    ).toEqual({ ok: true, token: 'b' });
    expect(tokenFromHandshake({ auth: {}, headers: {}, query: { token: 'c' } })).toEqual({
      ok: true,
      token: 'c',
    });
  });

  it('finds none in an empty handshake or a non-bearer header', () => {
    expect(tokenFromHandshake({ auth: {}, headers: {}, query: {} })).toEqual({ ok: true, token: null });
    expect(tokenFromHandshake({ auth: {}, headers: { authorization: 'Basic x' }, query: {} })).toEqual({
      ok: true,
      token: null,
    });
  });

  it('refuses a token field that is not a non-empty string, rather than reading no token', () => {
    for (const token of [123, { value: 'a' }, ['a'], null, '']) {
      expect(tokenFromHandshake({ auth: { token }, headers: {}, query: { token: 'c' } })).toEqual({
        ok: false,
        reason: 'auth.token must be a non-empty string',
      });
      expect(tokenFromHandshake({ auth: {}, headers: {}, query: { token } })).toEqual({
        ok: false,
        reason: 'the token query parameter must be a non-empty string',
      });
    }
  });
});
