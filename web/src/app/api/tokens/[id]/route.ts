import { z } from 'zod';
import { CACHE_KEYS } from '@deltastream/bus/cache';
import { revokeApiToken } from '@deltastream/db/queries';
import { AppError } from '../../../../server/errors';
import { defineRoute } from '../../../../server/route';
import { signedInUser } from '../../../../server/signed-in-user';

/**
 * Revokes one of the user's tokens. It stops working at once here and within milliseconds on every other
 * pod: its Redis entry is deleted and a revocation message drops each process's copy.
 */
export const DELETE = defineRoute(
  { route: '/api/tokens/{id}', access: 'user', params: z.object({ id: z.uuid('must be a token id') }) },
  async ({ ctx, principal, params }) => {
    const revoked = await revokeApiToken(ctx.db, {
      userId: signedInUser(principal).userId,
      tokenId: params.id,
    });
    if (!revoked) throw new AppError('NOT_FOUND', 'no active token with this id');
    await ctx.redis.del(CACHE_KEYS.apiToken(revoked.tokenHash));
    await ctx.apiTokens.revoke(revoked.tokenHash);
    return { revoked: true, id: params.id };
  },
);
