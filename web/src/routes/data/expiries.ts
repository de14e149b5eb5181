import { ExpiryCsvRowSchema } from '../../contracts/csv-rows';
import { ExpiriesResponseSchema, ProductPathSchema, type ExpiriesResponse } from '../../contracts/rest';
import { liveExpiries } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/** Expiries from today on that have a chain, nearest first. */
export const expiriesRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/data/expiries/{product}',
    access: 'market',
    tag: 'Market data',
    summary: 'Live expiries',
    description: 'Expiries from today on (exchange calendar) that have data, nearest first.',
    params: ProductPathSchema,
    response: { status: 200, description: 'The expiries.', schema: ExpiriesResponseSchema },
    errors: [404],
    csv: {
      row: 'live expiry, nearest first',
      schema: ExpiryCsvRowSchema,
      rows: (body) => body.expiries.map((expiry) => ({ expiry })),
    },
  },
  async ({ ctx, params }): Promise<ExpiriesResponse> => {
    const product = await requireProduct(ctx, params.product);
    return { product: product.symbol, expiries: await liveExpiries(ctx, product) };
  },
);
