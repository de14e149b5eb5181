import type { ApiToken } from '@deltastream/db/queries';
import type { ApiTokenJson } from '../contracts/accounts';

/** An API token's record as the API shows it: never the secret or its hash. */
export function apiTokenJson(token: ApiToken): ApiTokenJson {
  const now = Date.now();
  const status: ApiTokenJson['status'] = token.revokedAt
    ? 'revoked'
    : token.expiresAt && token.expiresAt.getTime() <= now
      ? 'expired'
      : 'active';
  return {
    id: token.id,
    name: token.name,
    prefix: token.tokenPrefix,
    scopes: token.scopes,
    status,
    created_at: token.createdAt.toISOString(),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    expires_at: token.expiresAt?.toISOString() ?? null,
    revoked_at: token.revokedAt?.toISOString() ?? null,
  };
}
