import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearCache,
  seedProducts,
  signedIn,
  simulatedChains,
  storeChains,
  testProduct,
  uniqueSymbol,
  withApiToken,
} from './market-fixtures';
import { marketRequests } from './market-route-list';
import { startWebTest, type WebTest } from './test-harness';

// PUBLIC_MARKET_DATA is off (the default): market data needs credentials. See market-access-public.int.test.ts.
const product = testProduct(uniqueSymbol());
let web: WebTest;
let requests: ReturnType<typeof marketRequests>;

beforeAll(async () => {
  web = await startWebTest();
  await seedProducts(web, [product]);
  const chains = simulatedChains(product, 1);
  await storeChains(web, chains);
  requests = marketRequests(
    product.symbol,
    chains
      .map((chain) => chain.expiry)
      .sort()
      .at(-1)!,
  );
});
afterAll(async () => {
  await clearCache(web, product.symbol);
  await web.close();
});

const statuses = (headers: Record<string, string>) =>
  Promise.all(
    requests.map(async ({ path, handler, options }) => [
      path,
      (await web.call(handler, path, { ...options, headers })).status,
    ]),
  );

describe('market routes without PUBLIC_MARKET_DATA', () => {
  it('401 without credentials', async () => {
    expect(requests).toHaveLength(11);
    for (const [path, status] of await statuses({})) expect(status, String(path)).toBe(401);
    const { body } = await web.call(requests[0]!.handler, requests[0]!.path);
    expect(body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('200 for a signed-in browser and for an API token with read:market', async () => {
    for (const headers of [await signedIn(web), await withApiToken(web, ['read:market'])]) {
      for (const [path, status] of await statuses(headers)) expect(status, String(path)).toBe(200);
    }
  });

  it('403 for an API token without read:market, 401 for an unknown token', async () => {
    for (const [path, status] of await statuses(await withApiToken(web, ['read:stream'])))
      expect(status, String(path)).toBe(403);
    const unknown = await statuses({ authorization: 'Bearer ds_not-a-token' });
    expect(unknown.every(([, status]) => status === 401)).toBe(true);
  });
});
