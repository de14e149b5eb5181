import { SocketTokenResponseSchema } from '../../contracts/accounts';
import { accessTokenJson } from '../../server/access-token';
import { defineRoute } from '../../server/route';
import { signedInUser } from '../../server/signed-in-user';

/**
 * A fresh access token for the signed-in browser, which hands it to the realtime gateway on every
 * (re)connect, and the gateway's public address.
 */
export const socketTokenRoute = defineRoute(
  {
    method: 'POST',
    path: '/api/auth/token',
    access: 'user',
    tag: 'Accounts',
    summary: 'Token for the realtime gateway',
    description: "A fresh access token for the signed-in browser and the gateway's public address.",
    response: { status: 200, description: 'An access token.', schema: SocketTokenResponseSchema },
  },
  async ({ ctx, principal }) => {
    const user = signedInUser(principal);
    const token = await accessTokenJson(ctx, { id: user.userId, email: user.email, role: user.role });
    return { ...token, realtime_url: ctx.config.REALTIME_PUBLIC_URL };
  },
);
