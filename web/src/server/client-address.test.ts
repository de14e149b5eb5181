import { describe, expect, it } from 'vitest';
import { clientAddress, clientUsedTls, requestOrigin } from './client-address';

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

  it('never reads past the first entry, and says unknown without the header', () => {
    expect(clientAddress(headers('198.51.100.7'), 3)).toBe('198.51.100.7');
    expect(clientAddress(headers(), 1)).toBe('unknown');
  });

  it('never takes a spoofed entry, whatever the client prepends', () => {
    for (const spoofed of ['10.0.0.1', '10.0.0.1, 10.0.0.2', ' , 10.0.0.3,']) {
      expect(clientAddress(headers(`${spoofed}, 203.0.113.9`), 1)).toBe('203.0.113.9');
    }
  });
});

describe('clientUsedTls and requestOrigin', () => {
  const request = (forwarded: Record<string, string>) =>
    new Request('http://web:3000/api/tokens', { headers: forwarded });

  it('take the scheme our outermost proxy wrote and the Host the client sent', () => {
    const viaTls = request({ host: 'deltastream.example.com', 'x-forwarded-proto': 'https' });
    expect(clientUsedTls(viaTls.headers, 1)).toBe(true);
    expect(requestOrigin(viaTls, 1)).toBe('https://deltastream.example.com');
    const plain = request({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' });
    expect(requestOrigin(plain, 1)).toBe('http://127.0.0.1:3000');
  });

  it("ignore a client's own X-Forwarded-Proto left of the proxy's", () => {
    expect(clientUsedTls(new Headers({ 'x-forwarded-proto': 'https, http' }), 1)).toBe(false);
    expect(clientUsedTls(new Headers({ 'x-forwarded-proto': 'http, https' }), 1)).toBe(true);
    expect(clientUsedTls(new Headers(), 1)).toBe(false);
  });

  it("fall back to the URL's host without a Host header", () => {
    expect(requestOrigin(new Request('http://localhost:3000/x'), 1)).toBe('http://localhost:3000');
  });
});
