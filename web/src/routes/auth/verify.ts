import { VerifyRequestSchema, VerifyResponseSchema } from '../../contracts/accounts';
import { AppError } from '../../server/errors';
import { AUTH_BODY_LIMIT_BYTES } from '../../server/body-limit';
import { principalFromToken } from '../../server/principal';
import { defineRoute } from '../../server/route';

/**
 * Checks a token: the one in the body, else the request's own bearer token. 200 with its user and
 * scopes when valid, 401 otherwise.
 */
export const verifyRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/auth/verify',
    access: 'public',
    tag: 'Accounts',
    summary: 'Check a token',
    description: "Checks the token in the body, or else the request's own bearer token.",
    body: VerifyRequestSchema,
    maxBodyBytes: AUTH_BODY_LIMIT_BYTES,
    response: { status: 200, description: 'The token is valid.', schema: VerifyResponseSchema },
    errors: [401],
  },
  async ({ ctx, body, principal }) => {
    const user = body ? await principalFromToken(ctx, body.token) : principal;
    if (user.kind !== 'user')
      throw new AppError('UNAUTHORIZED', 'send a token in the body or as "Authorization: Bearer"');
    return {
      valid: true,
      kind: user.via,
      scopes: user.scopes,
      user: { id: user.userId, email: user.email, role: user.role },
    };
  },
);
