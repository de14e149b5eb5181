import { UnderlyingQuerySchema, UnderlyingResponseSchema } from '../../contracts/rest';
import { UnderlyingTickSchema } from '@deltastream/core/schemas';
import { underlyingHistory, underlyingTickPages, TIME_RANGE_NOTES } from '../../server/market-history';
import { productHistoryRoute } from '../../server/product-history-route';

/** Ticks in [start, end), the latest `limit`, oldest first; `latest` is the cached enriched tick. */
export const underlyingRoute = productHistoryRoute(
  {
    path: '/api/data/underlying/{product}',
    tag: 'Market data',
    summary: 'Underlying ticks',
    description:
      "Ticks in [start, end), the latest `limit` of them, oldest first. `latest` is the cached tick with the day's change, or null when the cache holds none.",
    query: UnderlyingQuerySchema,
    parameterNotes: TIME_RANGE_NOTES,
    response: { status: 200, description: 'The ticks.', schema: UnderlyingResponseSchema },
    csv: {
      row: 'tick, oldest first, read page by page (`latest` is not part of it)',
      schema: UnderlyingTickSchema,
    },
  },
  { read: underlyingHistory, pages: underlyingTickPages },
);
