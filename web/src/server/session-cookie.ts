/**
 * The browser session: next-auth's JWT session cookie, which the sign-in form sets itself (next-auth
 * reads it on every page, and `/api/auth/token` and the route wrapper through `getToken`). Encoded with
 * next-auth's own `encode`, under the name and attributes next-auth gives it, so next-auth and web read
 * one cookie.
 */
import { encode } from 'next-auth/jwt';
import type { User } from '@deltastream/db/queries';

/** Signed-in browsers keep a session for a trading day and a half. */
export const SESSION_MAX_AGE_SECONDS = 36 * 3600;

/**
 * next-auth's rule for its cookie names: `__Secure-` prefixed (and Secure) when NEXTAUTH_URL is https,
 * as getToken assumes when it looks the cookie up.
 */
export function secureSessionCookie(): boolean {
  return process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
}

const SESSION_COOKIE_NAME = 'next-auth.session-token';
/** The session cookie's names: `__Secure-` over HTTPS, split into `.0`, `.1`, … chunks when large. */
export const SESSION_COOKIE_PATTERN = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
  role: User['role'];
}

/** The session token's claims, as next-auth's jwt callback leaves them: `sub` is the user's id. */
export function encodeSessionToken(secret: string, user: SessionUser): Promise<string> {
  return encode({
    secret,
    maxAge: SESSION_MAX_AGE_SECONDS,
    token: { sub: user.id, email: user.email, name: user.name ?? null, role: user.role },
  });
}

/** The Set-Cookie header that signs `user` in: HttpOnly, SameSite=Lax, for the whole site. */
export async function sessionSetCookie(secret: string, user: SessionUser): Promise<string> {
  const secure = secureSessionCookie();
  const name = `${secure ? '__Secure-' : ''}${SESSION_COOKIE_NAME}`;
  const value = await encodeSessionToken(secret, user);
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
