import { ChainQuerySchema, ChainResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { chainResponseBody } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { bytesResponse, defineRoute } from '../../server/route';

/**
 * Without `expiry` the latest chain of each of the nearest `limit` live expiries; with it, that expiry's
 * newest `limit` snapshots. The hottest route: cached chains (tens of KB each) are spliced into the response
 * as the text the worker wrote, never parsed and re-serialized, and the latest ones' body is encoded once per snapshot.
 */
export const chainRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/data/chain/{product}',
    access: 'market',
    tag: 'Market data',
    summary: 'Option chains',
    description:
      "Without `expiry`: the latest enriched chain of each of the nearest `limit` live expiries. With `expiry`: that expiry's newest `limit` snapshots, newest first.",
    params: ProductPathSchema,
    query: ChainQuerySchema,
    parameterNotes: { limit: 'Chains (without expiry) or snapshots (with it).' },
    response: {
      status: 200,
      description: 'The chains with IV, Greeks and every metric.',
      schema: ChainResponseSchema,
    },
    errors: [404],
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return bytesResponse(await chainResponseBody(ctx, product, query), {
      'content-type': 'application/json; charset=utf-8',
    });
  },
);
