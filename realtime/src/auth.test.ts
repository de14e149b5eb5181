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
    ).toBe('a');
    expect(
      tokenFromHandshake({ auth: {}, headers: { authorization: 'bearer b' }, query: { token: 'c' } }),
    ).toBe('b');
    expect(tokenFromHandshake({ auth: { token: 1 }, headers: {}, query: { token: 'c' } })).toBe('c');
  });

  it('finds none in an empty handshake or a non-bearer header', () => {
    expect(tokenFromHandshake({ auth: {}, headers: {}, query: {} })).toBeNull();
    expect(
      tokenFromHandshake({ auth: { token: '' }, headers: { authorization: 'Basic x' }, query: {} }),
    ).toBeNull();
  });
});
