/**
 * Which service answers which path behind the one public entry point: nginx in docker compose
 * (ops/nginx/edge.conf), the Ingress in Kubernetes (k8s/ingress.yaml) and web's local edge for `npm start`
 * and `npm run dev`. The deployment checks hold the first two to these rules; the local edge and the
 * market API read them.
 */
export type EdgeService = 'web' | 'market-api' | 'realtime';

/**
 * Prefixes end with `/`, so they match whole path segments. The script-facing market reads go to the
 * market API (a plain Node server), Socket.IO to realtime, everything else (dashboard, sign-in, the
 * account and operations routes) to Next.js.
 */
export const EDGE_ROUTES: readonly { prefix: string; service: EdgeService }[] = [
  { prefix: '/api/data/', service: 'market-api' },
  { prefix: '/api/analytics/', service: 'market-api' },
  { prefix: '/socket.io/', service: 'realtime' },
];

/**
 * The largest request body the edge passes on (nginx's client_max_body_size, the Ingress's
 * proxy-body-size: `1m`): the largest any web route accepts, POST /api/analytics/analyze's. Each route
 * refuses beyond its own, smaller limit in the API's error shape; the edge only stops what no route takes.
 */
export const EDGE_MAX_BODY_BYTES = 1024 * 1024;

/** The service paths no rule names go to. */
export const EDGE_DEFAULT_SERVICE: EdgeService = 'web';

/** The service that answers `path` (a request path, without its query). */
export function edgeServiceFor(path: string): EdgeService {
  return EDGE_ROUTES.find((rule) => path.startsWith(rule.prefix))?.service ?? EDGE_DEFAULT_SERVICE;
}
