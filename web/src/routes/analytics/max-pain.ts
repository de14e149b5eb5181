import { maxPainView, payoutCsvRows } from '../../contracts/chain-views';
import { PayoutCsvRowSchema } from '../../contracts/csv-rows';
import { MaxPainResponseSchema } from '../../contracts/rest';
import { latestChainRoute } from './latest-chain-route';

/** The max-pain strike of one expiry (default: the nearest), its distance from spot and the payout curve. */
export const maxPainRoute = latestChainRoute(
  {
    path: '/api/analytics/max-pain/{product}',
    summary: 'Max pain',
    description:
      'The strike where option holders collect least at expiry, its distance from spot and the payout curve.',
    response: { status: 200, description: 'Max pain.', schema: MaxPainResponseSchema },
    csv: {
      row: 'strike of the payout curve, ascending (the max-pain strike is the row with the least total_payout)',
      schema: PayoutCsvRowSchema,
      rows: payoutCsvRows,
    },
  },
  maxPainView,
);
