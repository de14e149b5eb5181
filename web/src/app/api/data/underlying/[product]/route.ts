import { defineRoute } from '../../../../../server/route';
import { ProductPathSchema, UnderlyingQuerySchema } from '../../../../../contracts/rest';
import { underlyingHistory } from '../../../../../server/market-history';
import { requireProduct } from '../../../../../server/product-catalogue';

/** Ticks in [start, end), the latest `limit`, oldest first; `latest` is the cached enriched tick. */
export const GET = defineRoute(
  {
    route: '/api/data/underlying/{product}',
    access: 'market',
    params: ProductPathSchema,
    query: UnderlyingQuerySchema,
  },
  async ({ ctx, params, query }) => underlyingHistory(ctx, await requireProduct(ctx, params.product), query),
);
