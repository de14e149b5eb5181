import { bytesResponse, defineRoute } from '../../../../../server/route';
import { ChainQuerySchema, ProductPathSchema } from '../../../../../contracts/rest';
import { chainResponseBody } from '../../../../../server/market-data';
import { requireProduct } from '../../../../../server/product-catalogue';

/**
 * Without `expiry` the latest chain of each of the nearest `limit` live expiries; with it, that expiry's
 * newest `limit` snapshots. The hottest route: cached chains (tens of KB each) are spliced into the response
 * as the text the worker wrote, never parsed and re-serialized, and the latest ones' body is encoded once per snapshot.
 */
export const GET = defineRoute(
  {
    route: '/api/data/chain/{product}',
    access: 'market',
    params: ProductPathSchema,
    query: ChainQuerySchema,
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return bytesResponse(await chainResponseBody(ctx, product, query), {
      'content-type': 'application/json; charset=utf-8',
    });
  },
);
