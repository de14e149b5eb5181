import { issueAccessToken } from '@deltastream/auth/access-tokens';
import type { WebContext } from './context';

/** A short-lived bearer token for REST and the realtime gateway, in the shape every token endpoint answers. */
export async function accessTokenJson(
  ctx: WebContext,
  user: { id: string; email: string; role: 'user' | 'admin' },
) {
  const ttlSeconds = ctx.config.ACCESS_TOKEN_TTL_SECONDS;
  const { token, expiresAt } = await issueAccessToken(
    ctx.config.AUTH_SECRET,
    { sub: user.id, email: user.email, role: user.role },
    { ttlSeconds },
  );
  return { token, token_type: 'Bearer', expires_in: ttlSeconds, expires_at: expiresAt.toISOString() };
}
