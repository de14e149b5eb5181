import { chainCsvRows } from '../../contracts/chain-views';
import { ChainCsvRowSchema } from '../../contracts/csv-rows';
import {
  ChainQuerySchema,
  ChainResponseSchema,
  ProductPathSchema,
  type ChainResponse,
} from '../../contracts/rest';
import { chainResponseBody } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { bytesResponse, defineRoute } from '../../server/route';

const utf8 = new TextDecoder();

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
    csv: {
      row: 'strike of each chain answered, strikes ascending: the call and the put side by side (call.*, put.*; empty where the strike lacks one)',
      schema: ChainCsvRowSchema,
      async source({ ctx, params, query }) {
        const product = await requireProduct(ctx, params.product);
        const body = JSON.parse(utf8.decode(await chainResponseBody(ctx, product, query))) as ChainResponse;
        return [body.chains.flatMap(chainCsvRows)];
      },
    },
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return bytesResponse(await chainResponseBody(ctx, product, query), {
      'content-type': 'application/json; charset=utf-8',
    });
  },
);
