import { createApiRouter } from '../server/api-router';
import { routesServedBy } from './registry';

/**
 * The REST routes Next.js serves: every route but the market reads, whose paths the edge sends to the
 * market API. app/api/[...path] and app/api/auth/[...nextauth] answer through it.
 */
export const webRouter = createApiRouter(routesServedBy('web'));
