import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { MIN_SECRET_LENGTH } from '@deltastream/bus/auth-secret';

/**
 * Short-lived bearer tokens that web issues to a signed-in user and every tier verifies (HS256 with a
 * shared secret from the environment). Long-lived script access uses API tokens instead
 * (api-tokens.ts), which can be revoked.
 */
const ISSUER = 'deltastream';
const AUDIENCE = 'deltastream-api';
const ALGORITHM = 'HS256';

export const AccessClaimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email(),
  role: z.enum(['user', 'admin']),
});
export type AccessClaims = z.infer<typeof AccessClaimsSchema>;

function key(secret: string): Uint8Array {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`the signing secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new TextEncoder().encode(secret);
}

export async function issueAccessToken(
  secret: string,
  claims: AccessClaims,
  { ttlSeconds = 900, now = new Date() }: { ttlSeconds?: number; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ email: claims.email, role: claims.role })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key(secret));
  return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
}

export type AccessTokenCheck =
  { ok: true; claims: AccessClaims; expiresAt: Date } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Verifies signature, issuer, audience and expiry; never throws for a bad token. A token without `exp`
 * is invalid however well signed: these tokens cannot be revoked, so their lifetime is their only limit.
 */
export async function verifyAccessToken(
  secret: string,
  token: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<AccessTokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      currentDate: now,
    });
    const claims = AccessClaimsSchema.safeParse(payload);
    if (!claims.success || payload.exp === undefined) return { ok: false, reason: 'invalid' };
    return { ok: true, claims: claims.data, expiresAt: new Date(payload.exp * 1000) };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
