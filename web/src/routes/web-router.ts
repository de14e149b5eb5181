import { createApiRouter } from '../server/api-router';
import { clientUsedTls } from '../server/client-address';
import { getContext } from '../server/context';
import { withApiSecurityHeaders } from '../server/route';
import { routesServedBy } from './registry';

/**
 * The REST routes Next.js serves: every route but the market reads, whose paths the edge sends to the
 * market API. app/api/[...path] and app/api/auth/[...nextauth] answer through it.
 */
export const webRouter = createApiRouter(routesServedBy('web'));

/**
 * Answers an /api request through the router (`unmatched` takes the paths no route has, else a 404),
 * every answer with the API's security headers: the routes' own, the router's 404 and 405, and
 * next-auth's.
 */
export async function answerApiRequest(
  req: Request,
  unmatched?: (req: Request) => Promise<Response>,
): Promise<Response> {
  const response = await webRouter.handle(req, unmatched);
  return withApiSecurityHeaders(response, clientUsedTls(req.headers, getContext().config.TRUSTED_PROXY_HOPS));
}
