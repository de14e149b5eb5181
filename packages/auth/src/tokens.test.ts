import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueAccessToken, verifyAccessToken } from './access-tokens';
import { generateApiToken, hashApiToken, isApiToken } from './api-tokens';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';
const claims = { sub: 'user-1', email: 'trader@desk.example', role: 'user' as const };

describe('access tokens', () => {
  it('round-trips the claims until expiry, then reports expired', async () => {
    const now = new Date('2026-11-24T09:00:00Z');
    const { token, expiresAt } = await issueAccessToken(secret, claims, { ttlSeconds: 60, now });
    expect(expiresAt.toISOString()).toBe('2026-11-24T09:01:00.000Z');
    expect(await verifyAccessToken(secret, token, { now })).toEqual({ ok: true, claims, expiresAt });
    expect(await verifyAccessToken(secret, token, { now: new Date('2026-11-24T09:01:01Z') })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses another secret, a tampered token and garbage', async () => {
    const { token } = await issueAccessToken(secret, claims);
    expect((await verifyAccessToken(`${secret}-other`, token)).ok).toBe(false);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', email: 'x@y.z', role: 'admin' })).toString(
      'base64url',
    );
    expect((await verifyAccessToken(secret, `${header}.${forged}.${signature}`)).ok).toBe(false);
    expect(payload).toBeTruthy();
    expect(await verifyAccessToken(secret, 'not.a.token')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a correctly signed token without an expiry', async () => {
    const signed = (expires: boolean) => {
      const jwt = new SignJWT({ email: claims.email, role: claims.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuer('deltastream')
        .setAudience('deltastream-api')
        .setIssuedAt();
      return (expires ? jwt.setExpirationTime('1h') : jwt).sign(new TextEncoder().encode(secret));
    };
    expect((await verifyAccessToken(secret, await signed(true))).ok).toBe(true);
    expect(await verifyAccessToken(secret, await signed(false))).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a short secret', async () => {
    await expect(issueAccessToken('short', claims)).rejects.toThrow(RangeError);
  });
});

describe('API tokens', () => {
  it('are random, prefixed, and stored only as their SHA-256', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).not.toBe(b.token);
    expect(isApiToken(a.token)).toBe(true);
    expect(a.tokenPrefix).toBe(a.token.slice(0, 10));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(a.token)).toBe(a.tokenHash);
    expect(a.token.length).toBe(3 + 43);
  });
});
