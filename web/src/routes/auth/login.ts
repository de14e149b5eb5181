import { CredentialsSchema, LoginResponseSchema } from '../../contracts/accounts';
import { accessTokenJson } from '../../server/access-token';
import { signInWithPassword } from '../../server/accounts';
import { AUTH_BODY_LIMIT_BYTES } from '../../server/body-limit';
import { defineRoute } from '../../server/route';
import { userJson } from '../../server/user-json';

/** Email and password in, a short-lived bearer token out (for scripts; browsers use next-auth). */
export const loginRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    tag: 'Accounts',
    summary: 'Sign in for a login token',
    description:
      'Email and password in, a short-lived bearer token out (for scripts; browsers use the session).',
    body: CredentialsSchema,
    maxBodyBytes: AUTH_BODY_LIMIT_BYTES,
    response: { status: 200, description: 'A login token.', schema: LoginResponseSchema },
    errors: [401],
  },
  async ({ ctx, body, address }) => {
    const user = await signInWithPassword(ctx, body, address);
    return { ...(await accessTokenJson(ctx, user)), user: userJson(user) };
  },
);
