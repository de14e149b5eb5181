import { verifyAccessToken } from '@deltastream/auth/access-tokens';
import { hashApiToken, isApiToken } from '@deltastream/auth/api-tokens';
import type { ApiTokenScope } from '@deltastream/auth/rules';
import type { Db } from '@deltastream/db/client';
import { findActiveApiTokenByHash } from '@deltastream/db/queries';

/** Who is on the other end of a socket; kept in `socket.data`, so it survives state recovery. */
export type Principal =
  { kind: 'user'; userId: string; email: string; via: 'access-token' | 'api-token' } | { kind: 'anonymous' };

export interface Handshake {
  auth: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

/** The token from, in order: the Socket.IO `auth` payload, an `Authorization: Bearer` header, `?token=`. */
export function tokenFromHandshake({ auth, headers, query }: Handshake): string | null {
  if (typeof auth.token === 'string' && auth.token !== '') return auth.token;
  const header = headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return bearer;
  if (typeof query.token === 'string' && query.token !== '') return query.token;
  return null;
}

export interface AuthenticateOptions {
  db: Db;
  authSecret: string;
  publicMarketData: boolean;
  now?: () => Date;
}

/**
 * API tokens (`ds_…`) are looked up by hash (revocable, for scripts); anything else must be an
 * access token signed by web. A token that fails is refused even when anonymous access is on: a
 * client that presents credentials expects them to count.
 */
export async function authenticate(
  token: string | null,
  { db, authSecret, publicMarketData, now = () => new Date() }: AuthenticateOptions,
): Promise<{ ok: true; principal: Principal } | { ok: false; reason: string }> {
  if (token === null) {
    return publicMarketData
      ? { ok: true, principal: { kind: 'anonymous' } }
      : { ok: false, reason: 'a token is required' };
  }
  if (isApiToken(token)) {
    const found = await findActiveApiTokenByHash(db, hashApiToken(token));
    if (!found) return { ok: false, reason: 'unknown, revoked or expired API token' };
    if (!found.token.scopes.includes('read:stream' satisfies ApiTokenScope)) {
      return { ok: false, reason: 'this API token lacks the read:stream scope' };
    }
    return {
      ok: true,
      principal: { kind: 'user', userId: found.user.id, email: found.user.email, via: 'api-token' },
    };
  }
  const check = await verifyAccessToken(authSecret, token, { now: now() });
  if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'token expired' : 'invalid token' };
  return {
    ok: true,
    principal: { kind: 'user', userId: check.claims.sub, email: check.claims.email, via: 'access-token' },
  };
}
