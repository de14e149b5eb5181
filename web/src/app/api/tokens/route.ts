import { generateApiToken } from '@deltastream/auth/api-tokens';
import { CreateApiTokenSchema } from '../../../contracts/accounts';
import { createApiToken, listApiTokens } from '@deltastream/db/queries';
import { defineRoute, json } from '../../../server/route';
import { signedInUser } from '../../../server/signed-in-user';
import { apiTokenJson } from '../../../server/api-token-json';

/** The signed-in user's API tokens, revoked and expired ones included, newest first. */
export const GET = defineRoute({ route: '/api/tokens', access: 'user' }, async ({ ctx, principal }) => {
  const tokens = await listApiTokens(ctx.db, signedInUser(principal).userId);
  return { tokens: tokens.map(apiTokenJson) };
});

/** Creates a token; the secret is in this response only (it is stored as a SHA-256 hash). */
export const POST = defineRoute(
  { route: '/api/tokens', access: 'user', body: CreateApiTokenSchema },
  async ({ ctx, principal, body }) => {
    const generated = generateApiToken();
    const record = await createApiToken(ctx.db, {
      userId: signedInUser(principal).userId,
      name: body.name,
      tokenPrefix: generated.tokenPrefix,
      tokenHash: generated.tokenHash,
      scopes: body.scopes,
      expiresAt:
        body.expires_in_days === undefined ? null : new Date(Date.now() + body.expires_in_days * 86_400_000),
    });
    return json({ ...apiTokenJson(record), token: generated.token }, { status: 201 });
  },
);
