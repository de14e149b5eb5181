import { greeksView } from '../../contracts/chain-views';
import { GreeksResponseSchema } from '../../contracts/rest';
import { latestChainRoute, strikesCsv } from './latest-chain-route';

/** IV and Greeks by strike of one expiry (default: the nearest), with the conventions they follow. */
export const greeksRoute = latestChainRoute(
  {
    path: '/api/analytics/greeks/{product}',
    summary: 'Greeks by strike',
    description: 'IV, delta, gamma, vega (per vol point), theta (per day) and rho (per 1%) of every quote.',
    response: { status: 200, description: 'The Greeks.', schema: GreeksResponseSchema },
    csv: strikesCsv(GreeksResponseSchema),
  },
  greeksView,
);
