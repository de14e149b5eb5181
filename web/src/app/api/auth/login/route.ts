import { defineRoute } from '../../../../server/route';
import { CredentialsSchema } from '../../../../contracts/accounts';
import { signInWithPassword } from '../../../../server/accounts';
import { accessTokenJson } from '../../../../server/access-token';
import { userJson } from '../../../../server/user-json';

/** Email and password in, a short-lived bearer token out (for scripts; browsers use next-auth). */
export const POST = defineRoute(
  { route: '/api/auth/login', access: 'public', body: CredentialsSchema },
  async ({ ctx, body, address }) => {
    const user = await signInWithPassword(ctx, body, address);
    return { ...(await accessTokenJson(ctx, user)), user: userJson(user) };
  },
);
