import { surfaceCsvRows, volatilitySurfaceView } from '../../contracts/chain-views';
import { SurfaceCsvRowSchema } from '../../contracts/csv-rows';
import { ProductPathSchema, VolatilitySurfaceResponseSchema } from '../../contracts/rest';
import { liveChains, noLiveExpiry } from '../../server/market-data';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';

/** The IV surface over every live expiry, with the ATM term structure. */
export const volatilitySurfaceRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/volatility-surface/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'Implied volatility surface',
    description:
      'Out-of-the-money IV over strikes × live expiries (null where missing), moneyness at the newest spot, and the ATM IV term structure.',
    params: ProductPathSchema,
    response: { status: 200, description: 'The surface.', schema: VolatilitySurfaceResponseSchema },
    errors: [404],
    csv: {
      row: 'expiry × strike of the surface (long form), expiries nearest first, strikes ascending',
      schema: SurfaceCsvRowSchema,
      rows: surfaceCsvRows,
    },
  },
  async ({ ctx, params }) => {
    const product = await requireProduct(ctx, params.product);
    const chains = await liveChains(ctx, product);
    if (chains.length === 0) throw noLiveExpiry(product);
    return volatilitySurfaceView(chains);
  },
);
