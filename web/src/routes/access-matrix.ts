/**
 * Who may call which route, for every route of the registry and every kind of caller: the tests of
 * access (access-matrix*.int.test.ts) are generated from here, so a new route is in them the day it is
 * listed. The expectations are written per access level, independently of the wrapper that enforces them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '@deltastream/auth/access-tokens';
import { edgeServiceFor } from '@deltastream/bus/edge-routes';
import { insertTicks } from '@deltastream/db/queries';
import { adminQueues } from '../server/admin-queues';
import {
  simulatedChains,
  storeChains,
  testProduct,
  withApiToken,
  useMarketTest,
} from '../server/market-fixtures';
import { BODY_MEDIA_TYPES, type Access, type Route } from '../server/route';
import { HARNESS_ORIGIN } from '../server/test-harness';
import { ROUTES } from './registry';

export const CALLERS = [
  'anonymous',
  'session',
  'login token',
  'API token with read:market',
  'API token without read:market',
  'admin',
  'unknown token',
] as const;
export type Caller = (typeof CALLERS)[number];

/** `null`: let in; else the status the refusal answers with. Credentials that are wrong are refused everywhere. */
function refusal(access: Access, caller: Caller, publicMarketData: boolean): 401 | 403 | null {
  if (caller === 'unknown token') return 401;
  switch (access) {
    case 'public':
      return null;
    case 'market':
      if (caller === 'anonymous') return publicMarketData ? null : 401;
      return caller === 'API token without read:market' ? 403 : null;
    case 'user':
      if (caller === 'anonymous') return 401;
      return caller.startsWith('API token') ? 403 : null;
    case 'admin':
      if (caller === 'anonymous') return 401;
      return caller === 'admin' ? null : 403;
  }
}

/** A value for each path parameter the routes use: the test's product, any token or entry id. */
function pathOf(route: Route, product: string): string {
  return route.spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = { product, id: randomUUID() }[name];
    if (value === undefined) throw new Error(`no test value for {${name}} of ${route.spec.path}`);
    return value;
  });
}

/**
 * What every caller sends with a state-changing request, as browsers and scripts send it: this site's
 * Origin and the route's body type. (The cross-site rule
 * itself is tested in route.int.test.ts.)
 */
function sentHeaders(route: Route): Record<string, string> {
  if (route.spec.method === 'GET') return {};
  return { origin: HARNESS_ORIGIN, 'content-type': BODY_MEDIA_TYPES[route.spec.bodyEncoding ?? 'json'] };
}

/**
 * Every registry route called by every kind of caller, without a body: a refused call answers 401/403
 * with the error code before it is counted against the rate limit; an admitted one is counted (or, for
 * a route outside the limit, answers 200). Market reads of the test's own product answer 200 with a body
 * their response schema accepts.
 */
export function describeAccessMatrix(publicMarketData: boolean): void {
  const { web, product } = useMarketTest([testProduct()], { PUBLIC_MARKET_DATA: String(publicMarketData) });
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    await storeChains(web, simulatedChains(product, 1));
    // A tick of a minute ago, so the trailing-window OHLC has one.
    await insertTicks(web.ctx.db, [
      {
        type: 'UNDERLYING',
        product: product.symbol,
        tick_id: 1,
        price: 100,
        timestamp: new Date(Date.now() - 60_000).toISOString(),
      },
    ]);
    const loginToken = async (role: 'user' | 'admin') => ({
      authorization: `Bearer ${
        (
          await issueAccessToken(web.ctx.config.AUTH_SECRET, {
            sub: randomUUID(),
            email: `${role}@example.com`,
            role,
          })
        ).token
      }`,
    });
    headers.set('anonymous', {});
    headers.set('session', {
      cookie: await web.sessionCookie({ id: randomUUID(), email: 'trader@example.com' }),
    });
    headers.set('login token', await loginToken('user'));
    headers.set('API token with read:market', await withApiToken(web, ['read:market']));
    headers.set('API token without read:market', await withApiToken(web, ['read:stream']));
    headers.set('admin', await loginToken('admin'));
    headers.set('unknown token', { authorization: 'Bearer ds_not-a-token' });
  });
  afterAll(async () => {
    const queues = adminQueues(web.ctx);
    await Promise.all([queues.chains, queues.ticks, queues.deadLetter].map((queue) => queue.close()));
  });

  it('covers every route of the registry, each served by Next.js or the market API', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(24);
    expect(
      ROUTES.filter((route) => !['web', 'market-api'].includes(edgeServiceFor(route.spec.path))),
    ).toEqual([]);
    expect(new Set(ROUTES.map((route) => route.spec.access))).toEqual(
      new Set(['public', 'market', 'user', 'admin']),
    );
  });

  describe.each(ROUTES.map((route) => [`${route.spec.method} ${route.spec.path}`, route] as const))(
    '%s',
    (_name, route) => {
      it.each(CALLERS)('%s', async (caller) => {
        const answer = await web.call(route, pathOf(route, product.symbol), {
          headers: { ...sentHeaders(route), ...headers.get(caller) },
        });
        const refused = refusal(route.spec.access, caller, publicMarketData);
        const counted = answer.headers.get('x-ratelimit-limit') !== null;
        if (refused !== null) {
          expect(answer.status).toBe(refused);
          expect(answer.body).toMatchObject({
            error: { code: refused === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN' },
          });
          expect(counted, 'refused before the rate limit').toBe(false);
          return;
        }
        if (route.spec.rateLimited === false) expect(answer.status).toBe(200);
        else expect(counted, `admitted (answered ${answer.status})`).toBe(true);
        if (route.spec.access === 'market' && route.spec.method === 'GET') {
          expect(answer.status).toBe(200);
          expect(route.spec.response.schema?.safeParse(answer.body).error).toBeUndefined();
        }
      });
    },
  );
}
