import { oiBuildupView } from '../../contracts/chain-views';
import { ExpiryQuerySchema, OiBuildupResponseSchema, ProductPathSchema } from '../../contracts/rest';
import { latestChain, resolveExpiry } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { NEAREST_EXPIRY_NOTE } from './expiry-note';

/** Per-strike OI change, premium change and build-up class of one expiry (default: the nearest). */
export const oiBuildupRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/oi-buildup/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Open-interest build-up',
    description:
      "Per strike and side: OI, OI change and premium change against the previous trading session's close (see change_base), and the build-up class (long/short build-up, short covering, long unwinding).",
    params: ProductPathSchema,
    query: ExpiryQuerySchema,
    parameterNotes: { expiry: NEAREST_EXPIRY_NOTE },
    response: { status: 200, description: 'The build-up.', schema: OiBuildupResponseSchema },
    errors: [404],
    csv: {
      row: 'strike, ascending: the call and the put side by side (call.*, put.*)',
      schema: OiBuildupResponseSchema.shape.strikes.element,
      rows: (body) => body.strikes,
    },
  },
  async ({ ctx, params, query }) => {
    const product = await requireProduct(ctx, params.product);
    return oiBuildupView(await latestChain(ctx, product, await resolveExpiry(ctx, product, query.expiry)));
  },
);
