import { greeksView } from '../../contracts/chain-views';
import { ExpiryQuerySchema, GreeksResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { latestChain, resolveExpiry } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

/** IV and Greeks by strike of one expiry (default: the nearest), with the conventions they follow. */
export const greeksRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/greeks/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Greeks by strike',
    description: 'IV, delta, gamma, vega (per vol point), theta (per day) and rho (per 1%) of every quote.',
    params: ProductPathSchema,
    query: ExpiryQuerySchema,
    parameterNotes: { expiry: NEAREST_EXPIRY_NOTE },
    response: { status: 200, description: 'The Greeks.', schema: GreeksResponseSchema },
    errors: [404],
    csv: {
      row: 'strike, ascending: the call and the put side by side (call.*, put.*)',
      schema: GreeksResponseSchema.shape.strikes.element,
      rows: (body) => body.strikes,
    },
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return greeksView(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
  },
);
