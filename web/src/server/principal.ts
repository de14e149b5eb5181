import { getToken } from 'next-auth/jwt';
import { AccessClaimsSchema } from '@deltastream/auth/access-tokens';
import { authenticate } from '@deltastream/auth/authenticate';
import { signedInPrincipal, type Principal, type UserPrincipal } from '@deltastream/auth/principal';
import type { WebContext } from './context';
import { parseCookieHeader } from './cookies';
import { AppError } from './errors';
import { SESSION_COOKIE_PATTERN, secureSessionCookie } from './session-cookie';

function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  if (header === null) return null;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token) throw new AppError('UNAUTHORIZED', 'the Authorization header must be "Bearer <token>"');
  return token;
}

/** The user behind a bearer token (API token or access token); a 401 saying why when it is not valid. */
export async function principalFromToken(ctx: WebContext, token: string): Promise<UserPrincipal> {
  const result = await authenticate(token, { authSecret: ctx.config.AUTH_SECRET, apiTokens: ctx.apiTokens });
  if (!result.ok) throw new AppError('UNAUTHORIZED', result.message);
  return result.principal;
}

/**
 * Resolves the request's credentials: a bearer token first (API token or access token), then the
 * next-auth session cookie. Credentials that are presented but wrong are a 401, never anonymous access.
 */
export async function resolvePrincipal(req: Request, ctx: WebContext): Promise<Principal> {
  const token = bearerToken(req);
  if (token !== null) return principalFromToken(ctx, token);
  const cookies = parseCookieHeader(req.headers.get('cookie'));
  if (Object.keys(cookies).some((name) => SESSION_COOKIE_PATTERN.test(name))) {
    // next-auth reads the (possibly chunked) session cookie from a plain object of cookies, under the
    // name it was written with.
    const session = await getToken({
      req: { cookies, headers: req.headers } as unknown as Parameters<typeof getToken>[0]['req'],
      secret: ctx.config.AUTH_SECRET,
      secureCookie: secureSessionCookie(),
    });
    const claims = AccessClaimsSchema.safeParse(session);
    if (claims.success) {
      const exp = session?.exp;
      return signedInPrincipal('session', claims.data, typeof exp === 'number' ? new Date(exp * 1000) : null);
    }
  }
  return { kind: 'anonymous' };
}
