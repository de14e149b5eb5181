import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { z } from 'zod';
import { verifyAccessToken } from '@deltastream/auth/access-tokens';
import { hashApiToken, isApiToken } from '@deltastream/auth/api-tokens';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@deltastream/auth/rules';
import { CACHE_KEYS, CACHE_TTL_SECONDS } from '@deltastream/bus/cache';
import { findActiveApiTokenByHash, touchApiToken } from '@deltastream/db/queries';
import type { WebContext } from './context';
import { AppError } from './errors';

const RoleSchema = z.enum(['user', 'admin']);

/**
 * Who made a request. A signed-in browser (`session`), a script with a login token (`access-token`) or
 * with an API token (`api-token`, limited to its scopes), or nobody.
 */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      email: string;
      role: z.infer<typeof RoleSchema>;
      via: 'session' | 'access-token' | 'api-token';
      scopes: readonly ApiTokenScope[];
      tokenId?: string;
    }
  | { kind: 'anonymous' };

const CachedApiTokenSchema = z.object({
  tokenId: z.string(),
  userId: z.string(),
  email: z.string(),
  role: RoleSchema,
  scopes: z.array(z.string()),
  expiresAt: z.string().nullable(),
});
export type CachedApiToken = z.infer<typeof CachedApiTokenSchema>;

function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  if (header === null) return null;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token) throw new AppError('UNAUTHORIZED', 'the Authorization header must be "Bearer <token>"');
  return token;
}

const isLive = (entry: CachedApiToken) =>
  entry.expiresAt === null || Date.parse(entry.expiresAt) > Date.now();

/**
 * An API token's owner: from this process's copy, else from Redis when a recent request cached it, else
 * from PostgreSQL (which also records the use, so `last_used_at` is accurate to the Redis entry's
 * lifetime). Revoking deletes the Redis entry and every process's copy.
 */
async function lookUpApiToken(ctx: WebContext, tokenHash: string): Promise<CachedApiToken | null> {
  const held = ctx.apiTokens.get(tokenHash);
  if (held && isLive(held)) return held;
  const key = CACHE_KEYS.apiToken(tokenHash);
  const cached = await ctx.redis.get(key);
  if (cached !== null) {
    const parsed = CachedApiTokenSchema.safeParse(JSON.parse(cached));
    if (parsed.success && isLive(parsed.data)) {
      ctx.apiTokens.set(tokenHash, parsed.data);
      return parsed.data;
    }
  }
  const found = await findActiveApiTokenByHash(ctx.db, tokenHash);
  if (!found) return null;
  const entry: CachedApiToken = {
    tokenId: found.token.id,
    userId: found.user.id,
    email: found.user.email,
    role: found.user.role,
    scopes: found.token.scopes,
    expiresAt: found.token.expiresAt?.toISOString() ?? null,
  };
  await Promise.all([
    ctx.redis.set(key, JSON.stringify(entry), 'EX', CACHE_TTL_SECONDS.apiToken),
    touchApiToken(ctx.db, found.token.id),
  ]);
  ctx.apiTokens.set(tokenHash, entry);
  return entry;
}

const knownScopes = (scopes: readonly string[]): ApiTokenScope[] =>
  API_TOKEN_SCOPES.filter((scope) => scopes.includes(scope));

/** The user behind a bearer token (API token or access token); a 401 when it is not valid. */
export async function principalFromToken(
  ctx: WebContext,
  token: string,
): Promise<Principal & { kind: 'user' }> {
  if (isApiToken(token)) {
    const found = await lookUpApiToken(ctx, hashApiToken(token));
    if (!found) throw new AppError('UNAUTHORIZED', 'unknown, revoked or expired API token');
    return {
      kind: 'user',
      userId: found.userId,
      email: found.email,
      role: found.role,
      via: 'api-token',
      scopes: knownScopes(found.scopes),
      tokenId: found.tokenId,
    };
  }
  const check = await verifyAccessToken(ctx.config.AUTH_SECRET, token);
  if (!check.ok) {
    throw new AppError('UNAUTHORIZED', check.reason === 'expired' ? 'token expired' : 'invalid token');
  }
  const { sub, email, role } = check.claims;
  return { kind: 'user', userId: sub, email, role, via: 'access-token', scopes: API_TOKEN_SCOPES };
}

/**
 * Resolves the request's credentials: a bearer token first (API token or access token), then the
 * next-auth session cookie. Credentials that are presented but wrong are a 401, never anonymous access.
 */
export async function resolvePrincipal(req: NextRequest, ctx: WebContext): Promise<Principal> {
  const token = bearerToken(req);
  if (token !== null) return principalFromToken(ctx, token);
  if (req.cookies.size > 0) {
    const session = await getToken({ req, secret: ctx.config.AUTH_SECRET });
    const role = RoleSchema.safeParse(session?.role);
    if (session?.sub && session.email && role.success) {
      return {
        kind: 'user',
        userId: session.sub,
        email: session.email,
        role: role.data,
        via: 'session',
        scopes: API_TOKEN_SCOPES,
      };
    }
  }
  return { kind: 'anonymous' };
}
