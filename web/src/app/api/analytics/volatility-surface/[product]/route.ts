import { defineRoute } from '../../../../../server/route';
import { ProductPathSchema } from '../../../../../contracts/rest';
import { volatilitySurfaceView } from '../../../../../server/chain-views';
import { liveChains, noLiveExpiry } from '../../../../../server/market-data';
import { requireProduct } from '../../../../../server/product-catalogue';

/** The IV surface over every live expiry, with the ATM term structure. */
export const GET = defineRoute(
  { route: '/api/analytics/volatility-surface/{product}', access: 'market', params: ProductPathSchema },
  async ({ ctx, params }) => {
    const product = await requireProduct(ctx, params.product);
    const chains = await liveChains(ctx, product);
    if (chains.length === 0) throw noLiveExpiry(product);
    return volatilitySurfaceView(chains);
  },
);
