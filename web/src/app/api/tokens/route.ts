import { generateApiToken } from '@deltastream/auth/api-tokens';
import { MAX_ACTIVE_API_TOKENS_PER_USER } from '@deltastream/auth/rules';
import { CreateApiTokenSchema } from '../../../contracts/accounts';
import { createApiTokenWithinLimit, listApiTokens } from '@deltastream/db/queries';
import { AppError } from '../../../server/errors';
import { defineRoute, json } from '../../../server/route';
import { signedInUser } from '../../../server/signed-in-user';
import { apiTokenJson } from '../../../server/api-token-json';

/** The signed-in user's API tokens, revoked and expired ones included, newest first. */
export const GET = defineRoute({ route: '/api/tokens', access: 'user' }, async ({ ctx, principal }) => {
  const tokens = await listApiTokens(ctx.db, signedInUser(principal).userId);
  return { tokens: tokens.map(apiTokenJson) };
});

/**
 * Creates a token; the secret is in this response only (it is stored as a SHA-256 hash). A 409 when the
 * user already holds the most active tokens allowed.
 */
export const POST = defineRoute(
  { route: '/api/tokens', access: 'user', body: CreateApiTokenSchema },
  async ({ ctx, principal, body }) => {
    const generated = generateApiToken();
    const record = await createApiTokenWithinLimit(
      ctx.db,
      {
        userId: signedInUser(principal).userId,
        name: body.name,
        tokenPrefix: generated.tokenPrefix,
        tokenHash: generated.tokenHash,
        scopes: body.scopes,
        expiresAt:
          body.expires_in_days === undefined
            ? null
            : new Date(Date.now() + body.expires_in_days * 86_400_000),
      },
      MAX_ACTIVE_API_TOKENS_PER_USER,
    );
    if (!record) {
      throw new AppError(
        'CONFLICT',
        `at most ${MAX_ACTIVE_API_TOKENS_PER_USER} active API tokens per user; revoke one to create another`,
      );
    }
    return json({ ...apiTokenJson(record), token: generated.token }, { status: 201 });
  },
);
