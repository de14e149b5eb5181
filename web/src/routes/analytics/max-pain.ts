import { maxPainView, payoutCsvRows } from '../../contracts/chain-views';
import { PayoutCsvRowSchema } from '../../contracts/csv-rows';
import { ExpiryQuerySchema, MaxPainResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { latestChain, resolveExpiry } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

/** The max-pain strike of one expiry (default: the nearest), its distance from spot and the payout curve. */
export const maxPainRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/max-pain/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Max pain',
    description:
      'The strike where option holders collect least at expiry, its distance from spot and the payout curve.',
    params: ProductPathSchema,
    query: ExpiryQuerySchema,
    parameterNotes: { expiry: NEAREST_EXPIRY_NOTE },
    response: { status: 200, description: 'Max pain.', schema: MaxPainResponseSchema },
    errors: [404],
    csv: {
      row: 'strike of the payout curve, ascending (the max-pain strike is the row with the least total_payout)',
      schema: PayoutCsvRowSchema,
      rows: payoutCsvRows,
    },
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return maxPainView(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
  },
);
