import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const headers = (forwardedFor?: string) =>
  new Headers(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor });

describe('clientAddress', () => {
  it('takes the peer address the server appended when no proxy is trusted', () => {
    expect(clientAddress(headers('203.0.113.9'), 0)).toBe('203.0.113.9');
    // Whatever the client wrote itself sits further left and is ignored.
    expect(clientAddress(headers('1.2.3.4, 203.0.113.9'), 0)).toBe('203.0.113.9');
  });

  it('skips the entries written by trusted proxies', () => {
    expect(clientAddress(headers('1.2.3.4, 198.51.100.7, 10.0.0.2'), 1)).toBe('198.51.100.7');
    expect(clientAddress(headers('198.51.100.7, 10.0.0.3, 10.0.0.2'), 2)).toBe('198.51.100.7');
  });

  it('never reads past the first entry, and says unknown without the header', () => {
    expect(clientAddress(headers('198.51.100.7'), 3)).toBe('198.51.100.7');
    expect(clientAddress(headers(), 0)).toBe('unknown');
  });
});
