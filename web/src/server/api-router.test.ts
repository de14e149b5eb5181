import { describe, expect, it } from 'vitest';
import { createApiRouter } from './api-router';
import type { AnyRouteSpec, HttpMethod, Route } from './route';

/** A route that answers with its own method and path and the parameters it was given. */
function echo(method: HttpMethod, path: string): Route {
  const spec: AnyRouteSpec = {
    method,
    path,
    access: 'public',
    tag: 'Operations',
    summary: 'echo',
    response: { status: 200, description: 'ok' },
  };
  return { spec, handle: async (_req, params) => Response.json({ route: `${method} ${path}`, params }) };
}

const router = createApiRouter([
  echo('GET', '/api/tokens'),
  echo('POST', '/api/tokens'),
  echo('DELETE', '/api/tokens/{id}'),
  echo('GET', '/api/data/chain/{product}'),
]);
const call = (method: string, path: string) =>
  router.handle(new Request(`http://localhost${path}`, { method }));

describe('createApiRouter', () => {
  it('hands a request to the route of its method and path, with the path parameters decoded', async () => {
    expect(await (await call('POST', '/api/tokens')).json()).toEqual({
      route: 'POST /api/tokens',
      params: {},
    });
    expect(await (await call('GET', '/api/data/chain/NI%46TY?limit=2')).json()).toEqual({
      route: 'GET /api/data/chain/{product}',
      params: { product: 'NIFTY' },
    });
  });

  it('answers HEAD with the GET route', async () => {
    expect((await call('HEAD', '/api/data/chain/NIFTY')).status).toBe(200);
  });

  it('answers an unknown path 404 and a missing method 405 naming the allowed ones, in the API error shape', async () => {
    const missing = await call('GET', '/api/data/chain/NIFTY/extra');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route /api/data/chain/NIFTY/extra' },
    });
    const wrongMethod = await call('PUT', '/api/tokens');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, HEAD');
    expect(await wrongMethod.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('passes paths no route has to the fallback it is given', async () => {
    const answer = await router.handle(
      new Request('http://localhost/api/auth/session'),
      async () => new Response('next-auth'),
    );
    expect(await answer.text()).toBe('next-auth');
  });

  it('refuses two routes for one method and path', () => {
    expect(() => createApiRouter([echo('GET', '/api/x'), echo('GET', '/api/x')])).toThrow(
      'two routes for GET /api/x',
    );
  });
});
