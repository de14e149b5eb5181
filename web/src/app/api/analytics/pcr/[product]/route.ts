import { defineRoute } from '../../../../../server/route';
import { PcrQuerySchema, ProductPathSchema } from '../../../../../contracts/rest';
import { resolveExpiry } from '../../../../../server/market-data';
import { pcrTrend } from '../../../../../server/market-history';
import { requireProduct } from '../../../../../server/product-catalogue';

/** The latest put-call ratios of one expiry (default: the nearest) and their trend, oldest first. */
export const GET = defineRoute(
  {
    route: '/api/analytics/pcr/{product}',
    access: 'market',
    params: ProductPathSchema,
    query: PcrQuerySchema,
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return pcrTrend(ctx, product, await resolveExpiry(ctx, product, query.expiry), query.history);
  },
);
