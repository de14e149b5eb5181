import { AppError } from './errors';
import { errorResponse, type Route } from './route';
import { matchPath, pathSegments, type PathSegment } from './route-path';

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export interface ApiRouter {
  /**
   * The route serving `method` on `path` with its decoded parameters; `null` when no route has the path;
   * the methods the path does have when `method` is not one of them. HEAD is answered by GET.
   */
  match(method: string, path: string): RouteMatch | { allowed: string[] } | null;
  /**
   * Answers a request through its route: a path no route has goes to `unmatched` (a 404 in the API's
   * error shape unless given), a method the path lacks is a 405 naming the ones it has.
   */
  handle(req: Request, unmatched?: (req: Request) => Promise<Response>): Promise<Response>;
}

const notFound = async (req: Request): Promise<Response> =>
  errorResponse(new AppError('NOT_FOUND', `no route ${new URL(req.url).pathname}`));

/** Routes requests to the given routes by their specs' method and path (one place for both servers). */
export function createApiRouter(routes: readonly Route[]): ApiRouter {
  const compiled: { route: Route; segments: PathSegment[] }[] = routes.map((route) => ({
    route,
    segments: pathSegments(route.spec.path),
  }));
  const taken = new Set<string>();
  for (const { spec } of routes) {
    const key = `${spec.method} ${spec.path}`;
    if (taken.has(key)) throw new Error(`two routes for ${key}`);
    taken.add(key);
  }

  function match(method: string, path: string): RouteMatch | { allowed: string[] } | null {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allowed: string[] = [];
    for (const { route, segments } of compiled) {
      const params = matchPath(segments, path);
      if (params === null) continue;
      if (route.spec.method === wanted) return { route, params };
      allowed.push(route.spec.method);
    }
    if (allowed.length === 0) return null;
    if (allowed.includes('GET')) allowed.push('HEAD');
    return { allowed };
  }

  return {
    match,
    async handle(req, unmatched = notFound) {
      const found = match(req.method, new URL(req.url).pathname);
      if (found === null) return unmatched(req);
      if ('allowed' in found) {
        return errorResponse(
          new AppError(
            'METHOD_NOT_ALLOWED',
            `${req.method} is not allowed here; use ${found.allowed.join(', ')}`,
          ),
          { allow: found.allowed.join(', ') },
        );
      }
      return found.route.handle(req, found.params);
    },
  };
}
