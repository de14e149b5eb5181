import { OhlcQuerySchema, OhlcResponseSchema } from '../../contracts/rest';
import { CandleSchema } from '@deltastream/core/schemas';
import { candleHistory, candlePages, TIME_RANGE_NOTES } from '../../server/market-history';
import { productHistoryRoute } from '../../server/product-history-route';

/** OHLC bars of the underlying on the product's exchange clock, the latest `limit` in [start, end), oldest first. */
export const ohlcRoute = productHistoryRoute(
  {
    path: '/api/data/ohlc/{product}',
    tag: 'Market data',
    summary: 'OHLC candles',
    description:
      "Candles of the underlying, the latest `limit` with bucket start in [start, end), oldest first. Stored 1-minute bars rolled up to `interval` on the product's exchange clock: a `1d` bar is one local day.",
    query: OhlcQuerySchema,
    parameterNotes: TIME_RANGE_NOTES,
    response: { status: 200, description: 'The candles.', schema: OhlcResponseSchema },
    csv: {
      row: 'candle, oldest first (1m bars are read page by page)',
      schema: CandleSchema,
    },
  },
  { read: candleHistory, pages: candlePages },
);
