import { PcrQuerySchema, PcrResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { resolveExpiry } from '../../server/market-data';
import { pcrTrend } from '../../server/market-history';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

/** The latest put-call ratios of one expiry (default: the nearest) and their trend, oldest first. */
export const pcrRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/pcr/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Put-call ratio',
    description:
      'The latest PCR by open interest and by volume of one expiry, with its trend (oldest first).',
    params: ProductPathSchema,
    query: PcrQuerySchema,
    parameterNotes: { expiry: NEAREST_EXPIRY_NOTE, history: 'Points of the trend.' },
    response: { status: 200, description: 'The PCR and its history.', schema: PcrResponseSchema },
    errors: [404],
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return pcrTrend(ctx, product, await resolveExpiry(ctx, product, query.expiry), query.history);
  },
);
