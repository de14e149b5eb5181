/**
 * Every REST route, once. The routers of Next.js and of the market API, `/api/docs` and the access tests
 * all read this list; which process serves a route follows from its path (@deltastream/bus/edge-routes).
 * A new route is a module beside this one (its spec and handler), a line here, and its test.
 */
import { edgeServiceFor, type EdgeService } from '@deltastream/bus/edge-routes';
import type { Route } from '../server/route';
import { queueOverviewRoute, purgeDeadLettersRoute, retryDeadLetterRoute } from './admin/queues';
import { createAlertRoute, deleteAlertRoute, listAlertsRoute, updateAlertRoute } from './alerts/definitions';
import { alertHistoryRoute } from './alerts/history';
import { analyzeRoute } from './analytics/analyze';
import { greeksRoute } from './analytics/greeks';
import { ivHistoryRoute } from './analytics/iv-history';
import { maxPainRoute } from './analytics/max-pain';
import { windowOhlcRoute } from './analytics/ohlc';
import { oiBuildupRoute } from './analytics/oi-buildup';
import { pcrRoute } from './analytics/pcr';
import { realizedVolRoute } from './analytics/realized-vol';
import { termStructureRoute } from './analytics/term-structure';
import { volatilitySurfaceRoute } from './analytics/volatility-surface';
import { createTokenRoute, listTokensRoute, revokeTokenRoute } from './api-tokens';
import { registerFormRoute, signInFormRoute } from './auth/account-forms';
import { loginRoute } from './auth/login';
import { registerRoute } from './auth/register';
import { socketTokenRoute } from './auth/token';
import { verifyRoute } from './auth/verify';
import { chainRoute } from './data/chain';
import { expiriesRoute } from './data/expiries';
import { ohlcRoute } from './data/ohlc';
import { productsRoute } from './data/products';
import { underlyingRoute } from './data/underlying';
import { docsRoute } from './docs';
import { analyzeStrategyRoute } from './strategies/analyze';
import { strategyPresetRoute } from './strategies/preset';
import {
  deleteStrategyRoute,
  getStrategyRoute,
  listStrategiesRoute,
  saveStrategyRoute,
} from './strategies/saved';
import { livenessRoute, readinessRoute } from './health';
import { metricsRoute } from './metrics';

export const ROUTES: readonly Route[] = [
  productsRoute,
  underlyingRoute,
  chainRoute,
  expiriesRoute,
  ohlcRoute,
  pcrRoute,
  windowOhlcRoute,
  volatilitySurfaceRoute,
  maxPainRoute,
  oiBuildupRoute,
  greeksRoute,
  ivHistoryRoute,
  termStructureRoute,
  realizedVolRoute,
  analyzeRoute,
  analyzeStrategyRoute,
  strategyPresetRoute,
  listStrategiesRoute,
  saveStrategyRoute,
  getStrategyRoute,
  deleteStrategyRoute,
  listAlertsRoute,
  createAlertRoute,
  alertHistoryRoute,
  updateAlertRoute,
  deleteAlertRoute,
  registerRoute,
  loginRoute,
  signInFormRoute,
  registerFormRoute,
  verifyRoute,
  socketTokenRoute,
  listTokensRoute,
  createTokenRoute,
  revokeTokenRoute,
  queueOverviewRoute,
  purgeDeadLettersRoute,
  retryDeadLetterRoute,
  livenessRoute,
  readinessRoute,
  metricsRoute,
  docsRoute,
];

/** The routes of one process: the edge sends their paths to `service` (Next.js is `web`). */
export function routesServedBy(service: EdgeService): Route[] {
  return ROUTES.filter((route) => edgeServiceFor(route.spec.path) === service);
}
