import { verifyAccessToken } from './access-tokens';
import type { ApiTokenLookup } from './api-token-lookup';
import { hashApiToken, isApiToken } from './api-tokens';
import { signedInPrincipal, type UserPrincipal } from './principal';
import { API_TOKEN_SCOPES } from './rules';

export interface AuthenticateDeps {
  /** Verifies access tokens (shared by the tiers: web signs them). */
  authSecret: string;
  apiTokens: Pick<ApiTokenLookup, 'find'>;
  now?: Date;
}

/** Why a token was refused; `message` says it to the caller. */
export type AuthFailureReason = 'invalid-token' | 'token-expired' | 'unknown-api-token';

export type Authentication =
  { ok: true; principal: UserPrincipal } | { ok: false; reason: AuthFailureReason; message: string };

const knownScopes = (scopes: readonly string[]) => API_TOKEN_SCOPES.filter((scope) => scopes.includes(scope));

/**
 * Who a bearer token belongs to, for every tier: an API token (`ds_…`) by its hash through the shared
 * lookup, anything else as an access token web signed. A token that fails is a failure with its reason,
 * never an anonymous caller: a client that presents credentials expects them to count. Which scope an
 * action needs is the tier's decision.
 */
export async function authenticate(token: string, deps: AuthenticateDeps): Promise<Authentication> {
  if (isApiToken(token)) {
    const tokenHash = hashApiToken(token);
    const owner = await deps.apiTokens.find(tokenHash);
    if (!owner) {
      return { ok: false, reason: 'unknown-api-token', message: 'unknown, revoked or expired API token' };
    }
    return {
      ok: true,
      principal: {
        kind: 'user',
        userId: owner.userId,
        email: owner.email,
        role: owner.role,
        via: 'api-token',
        scopes: knownScopes(owner.scopes),
        expiresAt: owner.expiresAt === null ? null : new Date(owner.expiresAt),
        tokenId: owner.tokenId,
        tokenHash,
      },
    };
  }
  const check = await verifyAccessToken(deps.authSecret, token, { now: deps.now });
  if (!check.ok) {
    return check.reason === 'expired'
      ? { ok: false, reason: 'token-expired', message: 'token expired' }
      : { ok: false, reason: 'invalid-token', message: 'invalid token' };
  }
  return { ok: true, principal: signedInPrincipal('access-token', check.claims, check.expiresAt) };
}
