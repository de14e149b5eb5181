import { z } from 'zod';
import { AppError } from '../../../../server/errors';
import { defineRoute } from '../../../../server/route';
import { signedInUser } from '../../../../server/signed-in-user';

/**
 * Revokes one of the user's tokens. It stops working at once here and within milliseconds on every other
 * pod: its Redis entry is deleted and a revocation message drops each process's copy and closes every
 * realtime socket it opened.
 */
export const DELETE = defineRoute(
  { route: '/api/tokens/{id}', access: 'user', params: z.object({ id: z.uuid('must be a token id') }) },
  async ({ ctx, principal, params }) => {
    const revoked = await ctx.apiTokens.revoke({
      userId: signedInUser(principal).userId,
      tokenId: params.id,
    });
    if (!revoked) throw new AppError('NOT_FOUND', 'no active token with this id');
    return { revoked: true, id: params.id };
  },
);
