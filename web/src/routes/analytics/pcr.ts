import { PcrCsvRowSchema } from '../../contracts/csv-rows';
import { PcrQuerySchema, PcrResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { pcrTrend, pcrTrendPages } from '../../server/market-history';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

/**
 * The latest put-call ratios of every live expiry (or of the one asked for) and the trend of the
 * nearest (or that one), oldest first.
 */
export const pcrRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/pcr/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Put-call ratio',
    description:
      'The latest PCR by open interest and by volume of each live expiry, nearest first (or of `expiry`), with the trend of the nearest (or of `expiry`), oldest first.',
    params: ProductPathSchema,
    query: PcrQuerySchema,
    parameterNotes: {
      expiry: `${NEAREST_EXPIRY_NOTE} Omitted, \`latest\` lists every live expiry.`,
      history:
        'Points of the trend: a number, or `true` (100) and `false` (none) as the original API took it.',
    },
    response: { status: 200, description: 'The PCR and its history.', schema: PcrResponseSchema },
    errors: [404],
    csv: {
      row: 'point of the trend (`history`), oldest first, with its expiry; read page by page (`latest` is not part of it)',
      schema: PcrCsvRowSchema,
      source: async ({ ctx, params, query }) =>
        pcrTrendPages(ctx, await requireProduct(ctx, params.product), query),
    },
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return pcrTrend(ctx, product, query);
  },
);
