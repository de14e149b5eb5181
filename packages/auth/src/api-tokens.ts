import { createHash, randomBytes } from 'node:crypto';

/**
 * API tokens for scripts: `ds_` + 32 random bytes (base64url). Only their SHA-256 is stored (a
 * token has 256 bits of entropy, so a fast hash is enough — unlike a password); the user sees the
 * token once, and the list shows its prefix.
 */
export const API_TOKEN_PREFIX = 'ds_';

const PREFIX_SHOWN = 10;

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateApiToken(): { token: string; tokenPrefix: string; tokenHash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenPrefix: token.slice(0, PREFIX_SHOWN), tokenHash: hashApiToken(token) };
}
