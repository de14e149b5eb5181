import { defineRoute } from '../../../../../server/route';
import { ExpiryQuerySchema, ProductPathSchema } from '../../../../../contracts/rest';
import { maxPainView } from '../../../../../server/chain-views';
import { latestChain, resolveExpiry } from '../../../../../server/market-data';
import { requireProduct } from '../../../../../server/product-catalogue';

/** The max-pain strike of one expiry (default: the nearest), its distance from spot and the payout curve. */
export const GET = defineRoute(
  {
    route: '/api/analytics/max-pain/{product}',
    access: 'market',
    params: ProductPathSchema,
    query: ExpiryQuerySchema,
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return maxPainView(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
  },
);
