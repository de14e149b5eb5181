import { ProductPathSchema } from '../../contracts/rest';
import {
  RANGE_NOTES,
  RealizedVolQuerySchema,
  RealizedVolResponseSchema,
} from '../../contracts/volatility-history';
import { RealisedVolPointSchema } from '@deltastream/core/schemas';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { realisedVol } from '../../server/volatility-history';

/** Realised volatility of the underlying over windows of trading days, and the IV − RV spread. */
export const realizedVolRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/realized-vol/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Realised volatility and the IV − RV spread',
    description:
      "Realised volatility of the underlying from its daily candles, annualised by √252 trading days, as decimals (0.15 = 15%): close-to-close (sample standard deviation of daily log returns) and Parkinson (from each day's high-low range), over each window of `windows` trading days, rolling over the settled days of the range (the day in progress is left out) and the latest value of each. `iv_rv_spread`: the current 30-day IV minus the latest 20-day close-to-close volatility, in vol points (positive: options price more movement than the underlying has shown), and the same spread on each day of the range.",
    params: ProductPathSchema,
    query: RealizedVolQuerySchema,
    parameterNotes: {
      windows: 'Comma-separated window lengths in trading days (2–252, at most 6).',
      ...RANGE_NOTES,
      limit: 'The latest `limit` trading days of the range.',
    },
    response: {
      status: 200,
      description: 'Realised volatility and the spread.',
      schema: RealizedVolResponseSchema,
    },
    errors: [404],
    csv: {
      row: 'trading day and window of the rolling series (`series`), oldest first, then by window',
      schema: RealisedVolPointSchema,
      rows: (body) => body.series,
    },
  },
  async ({ ctx, params, query }) => realisedVol(ctx, await requireProduct(ctx, params.product), query),
);
