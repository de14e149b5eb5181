import { defineRoute } from '../../../../../server/route';
import { ExpiryQuerySchema, ProductPathSchema } from '../../../../../contracts/rest';
import { greeksView } from '../../../../../server/chain-views';
import { latestChain, resolveExpiry } from '../../../../../server/market-data';
import { requireProduct } from '../../../../../server/product-catalogue';

/** IV and Greeks by strike of one expiry (default: the nearest), with the conventions they follow. */
export const GET = defineRoute(
  {
    route: '/api/analytics/greeks/{product}',
    access: 'market',
    params: ProductPathSchema,
    query: ExpiryQuerySchema,
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return greeksView(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
  },
);
