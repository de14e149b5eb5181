import { OhlcQuerySchema, OhlcResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { CandleSchema } from '@deltastream/core/schemas';
import { candleHistory, candlePages, TIME_RANGE_NOTES } from '../../server/market-history';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/** OHLC bars of the underlying on the product's exchange clock, the latest `limit` in [start, end), oldest first. */
export const ohlcRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/data/ohlc/{product}',
    access: 'market',
    tag: 'Market data',
    summary: 'OHLC candles',
    description:
      "Candles of the underlying, the latest `limit` with bucket start in [start, end), oldest first. Stored 1-minute bars rolled up to `interval` on the product's exchange clock: a `1d` bar is one local day.",
    params: ProductPathSchema,
    query: OhlcQuerySchema,
    parameterNotes: TIME_RANGE_NOTES,
    response: { status: 200, description: 'The candles.', schema: OhlcResponseSchema },
    errors: [404],
    csv: {
      row: 'candle, oldest first (1m bars are read page by page)',
      schema: CandleSchema,
      source: async ({ ctx, params, query }) =>
        candlePages(ctx, await requireProduct(ctx, params.product), query),
    },
  },
  async ({ ctx, params, query }) => candleHistory(ctx, await requireProduct(ctx, params.product), query),
);
