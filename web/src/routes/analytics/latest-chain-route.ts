import type { z } from 'zod';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { ExpiryQuerySchema, ProductPathSchema } from '../../contracts/rest';
import { latestChain, resolveExpiry } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute, type RouteSpec } from '../../server/route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

type LatestChainSpec<S extends z.ZodType> = Pick<
  RouteSpec<typeof ProductPathSchema, typeof ExpiryQuerySchema, undefined, S>,
  'path' | 'summary' | 'description' | 'response' | 'csv'
>;

/**
 * An analytics GET that answers a view of one expiry's latest chain (default: the nearest): the product
 * in the path, `expiry` in the query, 404 for an unknown product or an expiry without data.
 */
export function latestChainRoute<S extends z.ZodType>(
  spec: LatestChainSpec<S>,
  view: (chain: EnrichedChain) => z.infer<S>,
) {
  return defineRoute(
    {
      method: 'GET',
      access: 'market',
      tag: 'Analytics',
      params: ProductPathSchema,
      query: ExpiryQuerySchema,
      parameterNotes: { expiry: NEAREST_EXPIRY_NOTE },
      errors: [404],
      ...spec,
    },
    async ({ ctx, params, query }) => {
      const product = await requireProduct(ctx, params.product);
      return view(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
    },
  );
}

/**
 * The CSV form of a view that answers its strikes as rows (`strikes`, ascending, each holding its call
 * and its put): those rows as they are, sides flattened to `call.*` and `put.*` columns.
 */
export function strikesCsv<Row extends z.ZodObject>(response: z.ZodObject<{ strikes: z.ZodArray<Row> }>) {
  return {
    row: 'strike, ascending: the call and the put side by side (call.*, put.*)',
    schema: response.shape.strikes.element,
    rows: (body: { strikes: z.infer<Row>[] }) => body.strikes,
  };
}
