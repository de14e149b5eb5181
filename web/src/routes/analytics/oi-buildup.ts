import { oiBuildupView } from '../../contracts/chain-views';
import { OiBuildupResponseSchema } from '../../contracts/rest';
import { latestChainRoute, strikesCsv } from './latest-chain-route';

/** Per-strike OI change, premium change and build-up class of one expiry (default: the nearest). */
export const oiBuildupRoute = latestChainRoute(
  {
    path: '/api/analytics/oi-buildup/{product}',
    summary: 'Open-interest build-up',
    description:
      "Per strike and side: OI, OI change and premium change against the previous trading session's close (see change_base), and the build-up class (long/short build-up, short covering, long unwinding).",
    response: { status: 200, description: 'The build-up.', schema: OiBuildupResponseSchema },
    csv: strikesCsv(OiBuildupResponseSchema),
  },
  oiBuildupView,
);
