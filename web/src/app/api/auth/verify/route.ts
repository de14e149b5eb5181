import { VerifyRequestSchema } from '../../../../contracts/accounts';
import { defineRoute } from '../../../../server/route';
import { principalFromToken } from '../../../../server/principal';
import { AppError } from '../../../../server/errors';

/**
 * Checks a token: the one in the body, else the request's own bearer token. 200 with its user and
 * scopes when valid, 401 otherwise.
 */
export const POST = defineRoute(
  { route: '/api/auth/verify', access: 'public', body: VerifyRequestSchema },
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
