import { defineRoute, json } from '../../../../server/route';
import { RegistrationSchema } from '../../../../contracts/accounts';
import { registerAccount } from '../../../../server/accounts';
import { userJson } from '../../../../server/user-json';

/** Creates an account: 201 with the user, 409 when the email is taken, 400 naming a bad field. */
export const POST = defineRoute(
  { route: '/api/auth/register', access: 'public', body: RegistrationSchema },
  async ({ ctx, body, address }) => {
    const user = await registerAccount(ctx, body, address);
    return json({ message: 'account created', user: userJson(user) }, { status: 201 });
  },
);
