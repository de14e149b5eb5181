import type { z } from 'zod';
import type { Product } from '@deltastream/core/schemas';
import { ProductPathSchema } from '../contracts/rest';
import type { WebContext } from './context';
import type { CsvPages } from './csv';
import { requireProduct } from './product-catalogue';
import { defineRoute, type RouteInput, type RouteSpec } from './route';

type ProductHistorySpec<Q extends z.ZodObject, S extends z.ZodType> = Omit<
  RouteSpec<typeof ProductPathSchema, Q, undefined, S>,
  'method' | 'access' | 'params' | 'errors' | 'csv'
> & { csv: { row: string; schema: z.ZodObject } };

type Query<Q extends z.ZodObject> = RouteInput<typeof ProductPathSchema, Q, undefined>['query'];

/**
 * A market GET of one product's history (the product in the path; 404 when unknown): the JSON answer
 * from `read`, the CSV from `pages`, read page by page, since the history can be long.
 */
export function productHistoryRoute<Q extends z.ZodObject, S extends z.ZodType>(
  spec: ProductHistorySpec<Q, S>,
  history: {
    read: (ctx: WebContext, product: Product, query: Query<Q>) => Promise<z.output<S>>;
    /** An async generator function, or one that resolves to the pages once the request is answerable. */
    pages: (ctx: WebContext, product: Product, query: Query<Q>) => CsvPages | Promise<CsvPages>;
  },
) {
  return defineRoute(
    {
      ...spec,
      method: 'GET',
      access: 'market',
      params: ProductPathSchema,
      errors: [404],
      csv: {
        ...spec.csv,
        source: async ({ ctx, params, query }) =>
          history.pages(ctx, await requireProduct(ctx, params.product), query),
      },
    },
    async ({ ctx, params, query }) => history.read(ctx, await requireProduct(ctx, params.product), query),
  );
}
