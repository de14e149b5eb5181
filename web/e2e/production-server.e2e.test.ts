import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken } from '@deltastream/auth/api-tokens';
import { createApiToken, createUser } from '@deltastream/db/queries';
import { startPlatform, type Platform } from './platform';

/**
 * The production server (src/serve.ts) answers the chain route itself and everything else through
 * Next.js; both halves must behave as one application with one context.
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

describe('the production server', () => {
  it("serves the chain directly, the nearest of the expiries Next.js's route lists", async () => {
    await expect
      .poll(async () => (await get(`/api/data/expiries/${symbol}`)).status, { timeout: 30_000 })
      .toBe(200);
    const { expiries } = (await (await get(`/api/data/expiries/${symbol}`)).json()) as {
      expiries: string[];
    };
    const chain = await get(`/api/data/chain/${symbol}`);
    expect(chain.status).toBe(200);
    expect(chain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(chain.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    const body = (await chain.json()) as { chains: { expiry: string }[] };
    expect(body.chains.map((c) => c.expiry)).toEqual([expiries[0]]);
  });

  it('answers errors of the direct route in the API shape', async () => {
    const anonymous = await get(`/api/data/chain/${symbol}`, { headers: {} });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const badLimit = await get(`/api/data/chain/${symbol}?limit=500`);
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toMatchObject({ error: { field: 'limit' } });
    expect((await get('/api/data/chain/NOSUCH')).status).toBe(404);
  });

  it('leaves other methods and paths to Next.js', async () => {
    const head = await get(`/api/data/chain/${symbol}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await get(`/api/data/chain/${symbol}`, { method: 'POST' })).status).toBe(405);
    expect((await get('/api/health')).status).toBe(200);
    expect((await fetch(`${platform.webUrl}/signin`)).status).toBe(200);
  });

  it("counts direct requests in the metrics Next.js's route serves: one context", async () => {
    const chainRequests = async () => {
      const text = await (await fetch(`${platform.webUrl}/api/metrics`)).text();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('deltastream_web_request_duration_seconds_count{') &&
            l.includes('route="/api/data/chain/{product}"') &&
            l.includes('status="200"'),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await chainRequests();
    for (let i = 0; i < 3; i += 1) expect((await get(`/api/data/chain/${symbol}`)).status).toBe(200);
    expect(await chainRequests()).toBe(before + 3);
  });
});
