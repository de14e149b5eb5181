import { defineRoute } from '../../../../../server/route';
import { OhlcQuerySchema, ProductPathSchema } from '../../../../../contracts/rest';
import { candleHistory } from '../../../../../server/market-history';
import { requireProduct } from '../../../../../server/product-catalogue';

/** OHLC bars of the underlying on the product's exchange clock, the latest `limit` in [start, end), oldest first. */
export const GET = defineRoute(
  { route: '/api/data/ohlc/{product}', access: 'market', params: ProductPathSchema, query: OhlcQuerySchema },
  async ({ ctx, params, query }) => candleHistory(ctx, await requireProduct(ctx, params.product), query),
);
