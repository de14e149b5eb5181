import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listTokens } from '../app/api/tokens/route';
import {
  clearCache,
  seedProducts,
  simulatedChains,
  storeChains,
  testProduct,
  uniqueSymbol,
} from './market-fixtures';
import { marketRequests } from './market-route-list';
import { startWebTest, type WebTest } from './test-harness';

// The web context reads the environment once per test file: this file runs with PUBLIC_MARKET_DATA on.
const product = testProduct(uniqueSymbol());
let web: WebTest;
let requests: ReturnType<typeof marketRequests>;

beforeAll(async () => {
  web = await startWebTest({ PUBLIC_MARKET_DATA: 'true' });
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

describe('market routes with PUBLIC_MARKET_DATA on', () => {
  it('200 without credentials on every market route', async () => {
    for (const { path, handler, options } of requests) {
      expect((await web.call(handler, path, options)).status, path).toBe(200);
    }
  });

  it('still 401 for wrong credentials, and for account routes without any', async () => {
    const { path, handler, options } = requests[2]!;
    expect(
      (await web.call(handler, path, { ...options, headers: { authorization: 'Bearer ds_wrong' } })).status,
    ).toBe(401);
    expect((await web.call(listTokens, '/api/tokens')).status).toBe(401);
  });
});
