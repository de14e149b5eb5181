import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from './proxy';

const page = (headers: Record<string, string> = {}) =>
  proxy(new NextRequest('http://127.0.0.1:3000/signin', { headers: { host: '127.0.0.1:3000', ...headers } }));

/** The policy's directives by name. */
function directives(policy: string | null): Map<string, string> {
  return new Map(
    (policy ?? '').split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('the pages’ security headers', () => {
  it('forbid framing and sniffing, keep referrers on the site, and allow only nonce-carrying scripts', () => {
    const response = page({ 'x-forwarded-proto': 'http' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const policy = directives(response.headers.get('content-security-policy'));
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('script-src')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
    expect(policy.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(policy.get('connect-src')).toContain("'self'");
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('hand Next.js the same policy on the request, with a fresh nonce each time', () => {
    const first = page();
    const second = page();
    const nonce = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce(first)).toBeDefined();
    expect(nonce(first)).not.toBe(nonce(second));
    // NextResponse.next passes overridden request headers on as x-middleware-request-* headers.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(
      first.headers.get('content-security-policy'),
    );
  });

  it('pin HTTPS only when our edge says the client came over TLS', () => {
    const viaTls = page({ 'x-forwarded-proto': 'https' });
    expect(viaTls.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(directives(viaTls.headers.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(
      true,
    );
    // A client's own "https" left of the edge's "http" is not believed.
    expect(page({ 'x-forwarded-proto': 'https, http' }).headers.get('strict-transport-security')).toBeNull();
  });
});
