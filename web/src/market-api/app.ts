/**
 * The market API: the script-facing market reads (`/api/data/*`, `/api/analytics/*`) in a plain Node
 * server of their own, so the requests scripts poll hundreds of times a second skip Next.js's routing and
 * rendering pipeline. It serves the route registry's own routes for those paths (the same modules and
 * wrapper Next.js runs) and answers anything else 404; the edge sends it exactly those paths
 * (@deltastream/bus/edge-routes). `/health` is liveness, `/ready` checks Redis and PostgreSQL, `/metrics`
 * is Prometheus text.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { routesServedBy } from '../routes/registry';
import { createApiRouter } from '../server/api-router';
import type { WebContext } from '../server/context';
import { AppError } from '../server/errors';
import { clientUsedTls } from '../server/client-address';
import { closeServer, listenOn, toRequest, writeResponse } from '../server/node-http';
import { errorResponse, json, withApiSecurityHeaders } from '../server/route';
import { storesAnswer } from '../server/stores';

export interface MarketApiServer {
  /** Listens; resolves with the port actually bound (0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  /** Stops taking connections and waits for the requests in flight. */
  close(): Promise<void>;
  server: Server;
}

const router = createApiRouter(routesServedBy('market-api'));

async function answer(ctx: WebContext, req: IncomingMessage): Promise<Response> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (path === '/health') return json({ status: 'ok' });
    if (path === '/ready') {
      const stores = await storesAnswer(ctx);
      return json(stores, { status: stores.status === 'ok' ? 200 : 503 });
    }
    if (path === '/metrics') {
      const { registry } = ctx.metrics;
      return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
    }
  }
  return router.handle(toRequest(req));
}

export function createMarketApiServer(ctx: WebContext): MarketApiServer {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Route handlers turn their own errors into responses; this is for a failure around them (a request
    // whose URL cannot be read, a client that went away).
    answer(ctx, req)
      .then((response) => {
        const forwarded = new Headers({
          'x-forwarded-proto': String(req.headers['x-forwarded-proto'] ?? ''),
        });
        const tls = clientUsedTls(forwarded, ctx.config.TRUSTED_PROXY_HOPS);
        return writeResponse(res, withApiSecurityHeaders(response, tls));
      })
      .catch((error: unknown) => {
        ctx.logger.error({ err: error, url: req.url }, 'market API request failed');
        if (res.headersSent) return void res.destroy();
        void writeResponse(res, errorResponse(new AppError('INTERNAL', 'internal error'))).catch(() =>
          res.destroy(),
        );
      });
  });
  return {
    server,
    listen: (port, host) => listenOn(server, port, host),
    close: () => closeServer(server, 'idle'),
  };
}
