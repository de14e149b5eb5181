import { defineRoute } from '../../../../server/route';
import { accessTokenJson } from '../../../../server/access-token';
import { signedInUser } from '../../../../server/signed-in-user';

/**
 * A fresh access token for the signed-in browser, which hands it to the realtime gateway on every
 * (re)connect, and the gateway's public address.
 */
export const POST = defineRoute({ route: '/api/auth/token', access: 'user' }, async ({ ctx, principal }) => {
  const user = signedInUser(principal);
  const token = await accessTokenJson(ctx, { id: user.userId, email: user.email, role: user.role });
  return { ...token, realtime_url: ctx.config.REALTIME_PUBLIC_URL };
});
