import type { AccessClaims } from './access-tokens';
import { API_TOKEN_SCOPES, type ApiTokenScope } from './rules';

interface SignedInUser {
  kind: 'user';
  userId: string;
  email: string;
  role: AccessClaims['role'];
  /** What the credential allows; each tier checks the scope its own access needs. */
  scopes: readonly ApiTokenScope[];
  /** When the credential stops being valid; null for an API token that lasts until it is revoked. */
  expiresAt: Date | null;
}

/**
 * Who is calling, as every tier sees it: a browser with a session cookie, a script with a short-lived
 * access token (both have every scope) or with an API token (its own scopes; its id and SHA-256 say which
 * token, so it can be rate-limited and revoked).
 */
export type UserPrincipal =
  | (SignedInUser & { via: 'session' | 'access-token' })
  | (SignedInUser & { via: 'api-token'; tokenId: string; tokenHash: string });

/** Anonymous callers are admitted only where a tier allows it (public market data). */
export type Principal = UserPrincipal | { kind: 'anonymous' };

/** A user signed in with a session or an access token: every scope, until the credential expires. */
export function signedInPrincipal(
  via: 'session' | 'access-token',
  { sub, email, role }: AccessClaims,
  expiresAt: Date | null,
): UserPrincipal {
  return { kind: 'user', userId: sub, email, role, via, scopes: API_TOKEN_SCOPES, expiresAt };
}
