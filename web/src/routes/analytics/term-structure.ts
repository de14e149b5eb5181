import { ProductPathSchema } from '../../contracts/rest';
import { TermStructureResponseSchema } from '../../contracts/volatility-history';
import { requireProduct } from '../../server/product-catalogue';
import { defineRoute } from '../../server/route';
import { termStructure } from '../../server/volatility-history';

/** ATM IV by live expiry now, a day ago and a week ago, and at constant maturities. */
export const termStructureRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/analytics/term-structure/{product}',
    access: 'market',
    tag: 'Analytics',
    summary: 'ATM implied volatility term structure, now against a day and a week ago',
    description:
      "ATM IV (annualised decimal) of each live expiry in the current snapshot (each expiry's latest stored chain), and in the latest snapshots at least 24 hours and 7 days older. `expiries` aligns them by expiry date (how the same contracts moved); `constant_maturity` interpolates each snapshot at 7, 30, 60 and 90 calendar days in total variance (Cboe VIX method; expiries under 7 days left out, flat beyond the listed ones), which compares the curve's shape without the roll down it; `curves` lists each snapshot's expiries with their days to expiry then. Empty arrays and null timestamps when nothing is stored.",
    params: ProductPathSchema,
    response: { status: 200, description: 'The term structures.', schema: TermStructureResponseSchema },
    errors: [404],
    csv: {
      row: 'expiry of a snapshot (`curves`): now, 1d_ago, 1w_ago in turn, expiries ascending',
      schema: TermStructureResponseSchema.shape.curves.element,
      rows: (body) => body.curves,
    },
  },
  async ({ ctx, params }) => termStructure(ctx, await requireProduct(ctx, params.product)),
);
