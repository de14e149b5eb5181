import {
  IvHistoryPointSchema,
  IvHistoryQuerySchema,
  IvHistoryResponseSchema,
  RANGE_NOTES,
} from '../../contracts/volatility-history';
import { productHistoryRoute } from '../../server/product-history-route';
import { ivHistory, ivHistoryPages } from '../../server/volatility-history';

/** The 30-day IV's daily closes or minutes over a range, with today's IV rank and IV percentile. */
export const ivHistoryRoute = productHistoryRoute(
  {
    path: '/api/analytics/iv-history/{product}',
    tag: 'Analytics',
    summary: 'Implied volatility history, IV rank and IV percentile',
    description:
      "The product's implied-volatility levels over time, oldest first: the 30-day constant-maturity ATM IV (iv_30d) and the ATM IV of the nearest expiry, annualised decimals (0.15 = 15%). `interval=1d` (default): one point per exchange date, its close; `interval=1m`: one per minute (kept for the retention period). Each point says whether it was recorded live or simulated (the year of history a fresh database is given). `rank`: the latest day's iv_30d against the `lookback` daily values before it. IV rank = (current − low) / (high − low) × 100 with low and high over the lookback and the current value; IV percentile = the share of lookback days with a lower IV, × 100. Both are null, with `reason`, without enough history.",
    query: IvHistoryQuerySchema,
    parameterNotes: {
      ...RANGE_NOTES,
      limit: 'The latest `limit` points of the range.',
      lookback: 'Daily values (trading days) the IV rank and IV percentile look back over; 252 is a year.',
    },
    response: {
      status: 200,
      description: 'The series and the current rank.',
      schema: IvHistoryResponseSchema,
    },
    csv: {
      row: 'point, oldest first, read page by page (`rank` is not part of it)',
      schema: IvHistoryPointSchema,
    },
  },
  { read: ivHistory, pages: ivHistoryPages },
);
