import { PcrCsvRowSchema } from '../../contracts/csv-rows';
import { PcrQuerySchema, PcrResponseSchema } from '../../contracts/rest';
import { pcrTrend, pcrTrendPages } from '../../server/market-history';
import { productHistoryRoute } from '../../server/product-history-route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

/**
 * The latest put-call ratios of every live expiry (or of the one asked for) and the trend of the
 * nearest (or that one), oldest first.
 */
export const pcrRoute = productHistoryRoute(
  {
    path: '/api/analytics/pcr/{product}',
    tag: 'Analytics',
    summary: 'Put-call ratio',
    description:
      'The latest PCR by open interest and by volume of each live expiry, nearest first (or of `expiry`), with the trend of the nearest (or of `expiry`), oldest first.',
    query: PcrQuerySchema,
    parameterNotes: {
      expiry: `${NEAREST_EXPIRY_NOTE} Omitted, \`latest\` lists every live expiry.`,
      history:
        'Points of the trend: a number, or `true` (100) and `false` (none) as the original API took it.',
    },
    response: { status: 200, description: 'The PCR and its history.', schema: PcrResponseSchema },
    csv: {
      row: 'point of the trend (`history`), oldest first, with its expiry; read page by page (`latest` is not part of it)',
      schema: PcrCsvRowSchema,
    },
  },
  { read: pcrTrend, pages: pcrTrendPages },
);
