import { z } from 'zod';
import { generateApiToken } from '@deltastream/auth/api-tokens';
import { MAX_ACTIVE_API_TOKENS_PER_USER } from '@deltastream/auth/rules';
import { createApiTokenWithinLimit, listApiTokens } from '@deltastream/db/queries';
import {
  ApiTokenListResponseSchema,
  CreateApiTokenSchema,
  CreatedApiTokenResponseSchema,
  RevokeApiTokenResponseSchema,
} from '../contracts/accounts';
import { apiTokenJson } from '../server/api-token-json';
import { AppError } from '../server/errors';
import { defineRoute, json } from '../server/route';
import { signedInUser } from '../server/signed-in-user';

/** The signed-in user's API tokens, revoked and expired ones included, newest first. */
export const listTokensRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/tokens',
    access: 'user',
    tag: 'Accounts',
    summary: 'List your API tokens',
    description: 'Revoked and expired ones included, newest first. Never the secrets.',
    response: { status: 200, description: 'The tokens.', schema: ApiTokenListResponseSchema },
  },
  async ({ ctx, principal }) => {
    const tokens = await listApiTokens(ctx.db, signedInUser(principal).userId);
    return { tokens: tokens.map(apiTokenJson) };
  },
);

/**
 * Creates a token; the secret is in this response only (it is stored as a SHA-256 hash). A 409 when the
 * user already holds the most active tokens allowed.
 */
export const createTokenRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/tokens',
    access: 'user',
    tag: 'Accounts',
    summary: 'Create an API token',
    description:
      'The secret (`ds_…`) is in this response only; it is stored as a SHA-256 hash. A user holds at most ' +
      `${MAX_ACTIVE_API_TOKENS_PER_USER} active tokens: one more is a 409.`,
    body: CreateApiTokenSchema,
    response: {
      status: 201,
      description: 'The token, with its secret.',
      schema: CreatedApiTokenResponseSchema,
    },
    errors: [409],
  },
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

/**
 * Revokes one of the user's tokens. It stops working at once here and within milliseconds on every other
 * pod: its Redis entry is deleted and a revocation message drops each process's copy and closes every
 * realtime socket it opened.
 */
export const revokeTokenRoute = defineRoute(
  {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    access: 'user',
    tag: 'Accounts',
    summary: 'Revoke an API token',
    description: 'The token stops working at once on every server.',
    params: z.object({ id: z.uuid('must be a token id') }),
    parameterNotes: { id: "The token's id." },
    response: { status: 200, description: 'The token is revoked.', schema: RevokeApiTokenResponseSchema },
    errors: [404],
  },
  async ({ ctx, principal, params }) => {
    const revoked = await ctx.apiTokens.revoke({
      userId: signedInUser(principal).userId,
      tokenId: params.id,
    });
    if (!revoked) throw new AppError('NOT_FOUND', 'no active token with this id');
    return { revoked: true, id: params.id };
  },
);
