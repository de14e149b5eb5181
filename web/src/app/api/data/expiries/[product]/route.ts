import { defineRoute } from '../../../../../server/route';
import { ProductPathSchema, type ExpiriesResponse } from '../../../../../contracts/rest';
import { liveExpiries } from '../../../../../server/market-data';
import { requireProduct } from '../../../../../server/product-catalogue';

/** Expiries from today on that have a chain, nearest first. */
export const GET = defineRoute(
  { route: '/api/data/expiries/{product}', access: 'market', params: ProductPathSchema },
  async ({ ctx, params }): Promise<ExpiriesResponse> => {
    const product = await requireProduct(ctx, params.product);
    return { product: product.symbol, expiries: await liveExpiries(ctx, product) };
  },
);
