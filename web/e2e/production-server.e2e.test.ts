import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken } from '@deltastream/auth/api-tokens';
import { createApiToken, createUser } from '@deltastream/db/queries';
import type { ChainResponse, ExpiriesResponse } from '../src/contracts/rest';
import { startPlatform, type Platform } from './platform';

/**
 * web as production runs it: one edge in front of Next.js and the market API. Market reads go to the
 * market API, everything else to Next.js, and both answer as one API: one error shape, one rate limit,
 * the same data.
 */
let platform: Platform;
let headers: Record<string, string>;
let symbol: string;

beforeAll(async () => {
  platform = await startPlatform();
  symbol = platform.products[0]!.symbol;
  const user = await createUser(platform.database.db, {
    email: 'script@example.com',
    passwordHash: 'x',
    name: 'Script',
  });
  const generated = generateApiToken();
  await createApiToken(platform.database.db, {
    userId: user!.id,
    name: 'script',
    tokenPrefix: generated.tokenPrefix,
    tokenHash: generated.tokenHash,
    scopes: ['read:market'],
  });
  headers = { authorization: `Bearer ${generated.token}` };
}, 120_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${platform.webUrl}${path}`, { headers, ...init });

/** Requests of the chain route with status 200 that a server's metrics have counted. */
async function chainRequestsCounted(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('deltastream_web_request_duration_seconds_count{') &&
        l.includes('route="/api/data/chain/{product}"') &&
        l.includes('status="200"'),
    );
  return Number(line?.split(' ').at(-1) ?? 0);
}

describe('web behind its edge', () => {
  it('serves the chain from the market API: the nearest of the expiries Next.js and the market API list', async () => {
    // The feed and the worker need a few seconds for the first enriched chain of every expiry; an
    // expiry's first chain can land after a later expiry's, and the market API rereads its index of
    // expiries once a second. So the route is asked until it serves the nearest expiry listed.
    let chain: Response | undefined;
    let body: ChainResponse | undefined;
    await expect
      .poll(
        async () => {
          const { expiries } = (await (await get(`/api/data/expiries/${symbol}`)).json()) as ExpiriesResponse;
          chain = await get(`/api/data/chain/${symbol}`);
          body = chain.ok ? ((await chain.json()) as ChainResponse) : undefined;
          return { served: body?.chains.map((c) => c.expiry), nearestListed: expiries[0] };
        },
        { timeout: 60_000, interval: 500 },
      )
      .toSatisfy(
        ({ served, nearestListed }) => nearestListed !== undefined && served?.join() === nearestListed,
      );
    expect(chain!.status).toBe(200);
    expect(chain!.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(chain!.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(body!.chains[0]!.calls.length).toBeGreaterThan(0);
    expect(body!.chains[0]!.calls.every((quote) => quote.strike > 0)).toBe(true);
  }, 90_000);

  it('sends market reads to the market API and nothing of them to Next.js', async () => {
    const market = `${platform.marketApiUrl}/metrics`;
    const next = `${platform.webUrl}/api/metrics`;
    const [marketBefore, nextBefore] = await Promise.all([
      chainRequestsCounted(market),
      chainRequestsCounted(next),
    ]);
    for (let i = 0; i < 3; i += 1) expect((await get(`/api/data/chain/${symbol}`)).status).toBe(200);
    expect(await chainRequestsCounted(market)).toBe(marketBefore + 3);
    expect(await chainRequestsCounted(next)).toBe(nextBefore);
    expect(nextBefore).toBe(0);
    expect(await (await fetch(`${platform.marketApiUrl}/metrics`)).text()).toContain('tier="market-api"');
  });

  it('answers errors of either server in the one API shape', async () => {
    const anonymous = await get(`/api/data/chain/${symbol}`, { headers: {} });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const badLimit = await get(`/api/data/chain/${symbol}?limit=500`);
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toMatchObject({ error: { field: 'limit' } });
    expect((await get('/api/data/chain/NOSUCH')).status).toBe(404);
    const post = await get(`/api/data/chain/${symbol}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    for (const path of ['/api/data/nothing', '/api/nothing']) {
      const missing = await get(path);
      expect(missing.status, path).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    const tokens = await get('/api/tokens');
    expect(tokens.status).toBe(403);
    expect(await tokens.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('leaves the dashboard, sign-in, HEAD and the operations routes to Next.js as before', async () => {
    expect((await get(`/api/data/chain/${symbol}`, { method: 'HEAD' })).status).toBe(200);
    expect(await (await get('/ready')).json()).toEqual({ status: 'ok', redis: 'ok', postgres: 'ok' });
    expect(await (await get('/health')).json()).toEqual({ status: 'healthy', service: 'web' });
    expect((await fetch(`${platform.webUrl}/signin`)).status).toBe(200);
    expect(((await (await fetch(`${platform.webUrl}/api/docs`)).json()) as { openapi: string }).openapi).toBe(
      '3.1.0',
    );
    expect((await fetch(`${platform.webUrl}/api/auth/csrf`)).status).toBe(200);
  });
});
