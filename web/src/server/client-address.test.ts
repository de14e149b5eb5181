import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const headers = (forwardedFor?: string) =>
  new Headers(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor });

describe('clientAddress', () => {
  it('behind one trusted proxy, takes the address it appended and ignores what the client wrote', () => {
    expect(clientAddress(headers('1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(headers('203.0.113.9'), 1)).toBe('203.0.113.9');
  });

  it('behind two, skips the inner proxy’s entry', () => {
    expect(clientAddress(headers('1.2.3.4, 198.51.100.7, 10.0.0.2'), 2)).toBe('198.51.100.7');
  });

  it('exposed directly, uses the last entry (the peer address the server filled in)', () => {
    expect(clientAddress(headers('::ffff:127.0.0.1'), 0)).toBe('::ffff:127.0.0.1');
  });

  it('never reads past the first entry, and says unknown without the header', () => {
    expect(clientAddress(headers('198.51.100.7'), 3)).toBe('198.51.100.7');
    expect(clientAddress(headers(), 0)).toBe('unknown');
  });
});
