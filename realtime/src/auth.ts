import type { ApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import { authenticate } from '@deltastream/auth/authenticate';
import type { Principal } from '@deltastream/auth/principal';

export interface Handshake {
  auth: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
}

type Presented = { ok: true; token: string | null } | { ok: false; reason: string };

/** A token field: absent, or a non-empty string; anything else (a number, an object, '') is malformed. */
function tokenField(value: unknown, where: string): Presented | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && value !== '') return { ok: true, token: value };
  return { ok: false, reason: `${where} must be a non-empty string` };
}

/**
 * The token from, in order: the Socket.IO `auth` payload, an `Authorization: Bearer` header, `?token=`.
 * A token field that is present but not a string is refused rather than read as no token: the client
 * meant to present credentials. Other Authorization schemes (a proxy's Basic) are not ours to read.
 */
export function tokenFromHandshake({ auth, headers, query }: Handshake): Presented {
  const fromAuth = tokenField(auth.token, 'auth.token');
  if (fromAuth) return fromAuth;
  const header = headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return { ok: true, token: bearer };
  return tokenField(query.token, 'the token query parameter') ?? { ok: true, token: null };
}

export interface HandshakeAuthOptions {
  authSecret: string;
  apiTokens: Pick<ApiTokenLookup, 'find'>;
  publicMarketData: boolean;
  now: () => Date;
}

/**
 * Who may stream: the token's owner through the tiers' one `authenticate`, and only with the read:stream
 * scope; without a token, anonymous when market data is public. A recovered connection goes through this
 * again, so a revoked or expired credential cannot come back by reconnecting.
 */
export async function authenticateHandshake(
  handshake: Handshake,
  { authSecret, apiTokens, publicMarketData, now }: HandshakeAuthOptions,
): Promise<{ ok: true; principal: Principal } | { ok: false; reason: string }> {
  const presented = tokenFromHandshake(handshake);
  if (!presented.ok) return presented;
  if (presented.token === null) {
    return publicMarketData
      ? { ok: true, principal: { kind: 'anonymous' } }
      : { ok: false, reason: 'a token is required' };
  }
  const result = await authenticate(presented.token, { authSecret, apiTokens, now: now() });
  if (!result.ok) return { ok: false, reason: result.message };
  if (!result.principal.scopes.includes('read:stream')) {
    return { ok: false, reason: 'this API token lacks the read:stream scope' };
  }
  return { ok: true, principal: result.principal };
}

/** Whether the credential a socket was admitted with still holds: not expired, and not revoked. */
export async function credentialHolds(
  principal: Principal,
  { apiTokens, now }: Pick<HandshakeAuthOptions, 'apiTokens' | 'now'>,
): Promise<boolean> {
  if (principal.kind === 'anonymous') return true;
  if (principal.expiresAt !== null && principal.expiresAt <= now()) return false;
  return principal.via !== 'api-token' || (await apiTokens.find(principal.tokenHash)) !== null;
}
