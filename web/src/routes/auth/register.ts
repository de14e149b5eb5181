import { RegisterResponseSchema, RegistrationSchema } from '../../contracts/accounts';
import { AUTH_BODY_LIMIT_BYTES } from '../../server/body-limit';
import { registerAccount, REGISTRATION_ACCEPTED } from '../../server/accounts';
import { defineRoute, json } from '../../server/route';

/**
 * Creates an account: 201 with one message whether or not the email was free (sign in to use it), 400
 * naming a bad field. The answer never tells whether an address has an account.
 */
export const registerRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/auth/register',
    access: 'public',
    tag: 'Accounts',
    summary: 'Create an account',
    description:
      'Answers 201 with the same message whether or not the email already had an account, so registration cannot be used to find out which addresses have one; sign in with the email and password to use it.',
    body: RegistrationSchema,
    maxBodyBytes: AUTH_BODY_LIMIT_BYTES,
    response: { status: 201, description: 'Registration accepted.', schema: RegisterResponseSchema },
  },
  async ({ ctx, body, address }) => {
    await registerAccount(ctx, body, address);
    return json({ message: REGISTRATION_ACCEPTED }, { status: 201 });
  },
);
