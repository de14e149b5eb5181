import { ProductPathSchema, UnderlyingQuerySchema, UnderlyingResponseSchema } from '../../contracts/rest';
import { UnderlyingTickSchema } from '@deltastream/core/schemas';
import { underlyingHistory, underlyingTickPages, TIME_RANGE_NOTES } from '../../server/market-history';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/** Ticks in [start, end), the latest `limit`, oldest first; `latest` is the cached enriched tick. */
export const underlyingRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/data/underlying/{product}',
    access: 'market',
    tag: 'Market data',
    summary: 'Underlying ticks',
    description:
      "Ticks in [start, end), the latest `limit` of them, oldest first. `latest` is the cached tick with the day's change, or null when the cache holds none.",
    params: ProductPathSchema,
    query: UnderlyingQuerySchema,
    parameterNotes: TIME_RANGE_NOTES,
    response: { status: 200, description: 'The ticks.', schema: UnderlyingResponseSchema },
    errors: [404],
    csv: {
      row: 'tick, oldest first, read page by page (`latest` is not part of it)',
      schema: UnderlyingTickSchema,
      source: async ({ ctx, params, query }) =>
        underlyingTickPages(ctx, await requireProduct(ctx, params.product), query),
    },
  },
  async ({ ctx, params, query }) => underlyingHistory(ctx, await requireProduct(ctx, params.product), query),
);
