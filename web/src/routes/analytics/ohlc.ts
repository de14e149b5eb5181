import { ProductPathSchema, WindowOhlcQuerySchema, WindowOhlcResponseSchema } from '../../contracts/rest';
import { windowOhlc } from '../../server/market-history';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/**
 * The original API's OHLC of the underlying: one bar over the ticks of the last `window` minutes. Candles
 * on the exchange's clock, over any range, are `GET /api/data/ohlc/{product}`.
 */
export const windowOhlcRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/ohlc/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'OHLC of a trailing window',
    description:
      'Open, high, low and close of the underlying over its ticks of the last `window` minutes, up to now (a trailing window, as the original API answered). Clock-aligned candles over any range: GET /api/data/ohlc/{product}.',
    params: ProductPathSchema,
    query: WindowOhlcQuerySchema,
    parameterNotes: { window: 'Minutes (the original offered 1, 5 and 15).' },
    response: { status: 200, description: 'The bar.', schema: WindowOhlcResponseSchema },
    errors: [404],
    csv: {
      row: 'window: the one bar, in the JSON fields',
      schema: WindowOhlcResponseSchema,
      rows: (bar) => [bar],
    },
  },
  async ({ ctx, params, query }) => windowOhlc(ctx, await requireProduct(ctx, params.product), query.window),
);
