import { defineRoute } from '../../../../../server/route';
import { ExpiryQuerySchema, ProductPathSchema } from '../../../../../contracts/rest';
import { oiBuildupView } from '../../../../../server/chain-views';
import { latestChain, resolveExpiry } from '../../../../../server/market-data';
import { requireProduct } from '../../../../../server/product-catalogue';

/** Per-strike OI change, premium change and build-up class of one expiry (default: the nearest). */
export const GET = defineRoute(
  {
    route: '/api/analytics/oi-buildup/{product}',
    access: 'market',
    params: ProductPathSchema,
    query: ExpiryQuerySchema,
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return oiBuildupView(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
  },
);
