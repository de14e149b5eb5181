import { RegisterResponseSchema, RegistrationSchema } from '../../contracts/accounts';
import { registerAccount } from '../../server/accounts';
import { defineRoute, json } from '../../server/route';
import { userJson } from '../../server/user-json';

/** Creates an account: 201 with the user, 409 when the email is taken, 400 naming a bad field. */
export const registerRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/auth/register',
    access: 'public',
    tag: 'Accounts',
    summary: 'Create an account',
    body: RegistrationSchema,
    response: { status: 201, description: 'The account was created.', schema: RegisterResponseSchema },
    errors: [409],
  },
  async ({ ctx, body, address }) => {
    const user = await registerAccount(ctx, body, address);
    return json({ message: 'account created', user: userJson(user) }, { status: 201 });
  },
);
