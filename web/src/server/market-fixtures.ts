/**
 * Market data for the route tests: a product of the test file's own, chains enriched and stored exactly as the worker does it, and a way
 * to empty the cache so the PostgreSQL path answers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ApiTokenScope } from '@deltastream/auth/rules';
import { createTestApiToken } from '@deltastream/auth/testing';
import { cacheLatestChain } from '@deltastream/bus/cache';
import { enrichInOrder } from '@deltastream/bus/testing';
import { scanKeys } from '@deltastream/bus/redis';
import type { EnrichedChain, OptionChain, Product } from '@deltastream/core/schemas';
import { insertChainSnapshots, upsertProducts } from '@deltastream/db/queries';
import { createTestUser, makeProduct } from '@deltastream/db/testing';
import { createMarketSimulator } from '@deltastream/simulator/simulator';
import type { Route } from './route';
import { useWebTest, type CallResult, type WebTest } from './test-harness';

/** `T` and seven capitals: no other test file's symbol, and never a prefix of one (see clearCache). */
export function uniqueSymbol(): string {
  return `T${Array.from(randomBytes(7), (byte) => String.fromCharCode(65 + (byte % 26))).join('')}`;
}

/**
 * A NIFTY-like index product (Kolkata clock, lot of 75) with 41 strikes and three weekly Tuesday 15:30
 * expiries plus the monthly, no holidays: the database tests' product with a fuller chain. Its symbol is
 * a fresh one unless given.
 */
export function testProduct(symbol: string = uniqueSymbol(), overrides: Partial<Product> = {}): Product {
  return makeProduct(symbol, {
    strikes_each_side: 20,
    volatility: 0.14,
    expiry_rule: { weekday: 'TUE', weekly: 3, monthly: 1, monthly_occurrence: 'last', expiry_time: '15:30' },
    holidays: [],
    ...overrides,
  });
}

/** The UTC date `days` from now: days of margin keep it a live expiry in any exchange's zone. */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export { enrichInOrder };

/** `snapshots` simulated chains of every live expiry, one second apart, the last a second ago, enriched. */
export function simulatedChains(product: Product, snapshots: number, seed = 7): EnrichedChain[] {
  const simulator = createMarketSimulator({
    products: [product],
    seed,
    rates: { ticksPerSecond: 1, chainIntervalMs: 1000 },
  });
  const lastMs = Math.floor(Date.now() / 1000) * 1000 - 1000;
  const chains: OptionChain[] = [];
  for (let i = snapshots - 1; i >= 0; i -= 1) chains.push(...simulator.advance(lastMs - i * 1000).chains);
  return enrichInOrder(product, chains);
}

/** What the worker does with enriched chains: PostgreSQL first, then the cache (the newest seq wins). */
export async function storeChains(web: WebTest, chains: readonly EnrichedChain[]): Promise<void> {
  await insertChainSnapshots(web.ctx.db, chains);
  for (const chain of chains) await cacheLatestChain(web.ctx.redis, chain);
}

export async function seedProducts(web: WebTest, products: readonly Product[]): Promise<void> {
  await upsertProducts(web.ctx.db, products);
}

/** Deletes every cache key of the product (`…:SYMBOL` and `…:SYMBOL:…`), so reads fall back to PostgreSQL. */
export async function clearCache(web: WebTest, symbol: string): Promise<void> {
  const keys = [
    ...(await scanKeys(web.ctx.redis, `*:${symbol}`)),
    ...(await scanKeys(web.ctx.redis, `*:${symbol}:*`)),
  ];
  if (keys.length > 0) await web.ctx.redis.del(...keys);
}

/** Request headers of a signed-in browser on a page of this site. */
export async function signedIn(web: WebTest): Promise<Record<string, string>> {
  return web.browserHeaders(await web.sessionCookie({ id: randomUUID(), email: 'trader@example.com' }));
}

/** A stored user of a test, and the request headers of its signed-in browser. */
export interface SignedInUser {
  id: string;
  headers: Record<string, string>;
}

/** A new user named `name` (its address a fresh one), signed in on a page of this site. */
export async function newSignedInUser(web: WebTest, name: string): Promise<SignedInUser> {
  const email = `${name}-${randomUUID()}@example.com`;
  const user = await createTestUser(web.ctx.db, email, name);
  return { id: user.id, headers: web.browserHeaders(await web.sessionCookie({ id: user.id, email })) };
}

/** Request headers of a script holding a fresh API token with `scopes`. */
export async function withApiToken(
  web: WebTest,
  scopes: readonly ApiTokenScope[],
): Promise<Record<string, string>> {
  const user = await createTestUser(web.ctx.db, `script-${randomUUID()}@example.com`, 'Script');
  const { token } = await createTestApiToken(web.ctx.db, {
    userId: user.id,
    name: 'test',
    scopes: [...scopes],
  });
  return { authorization: `Bearer ${token}` };
}

export interface MarketTest {
  web: WebTest;
  /** The first of the file's products, and its symbol. */
  product: Product;
  symbol: string;
  /** A signed-in browser's request headers: one object, filled in by `beforeAll`, so pass it, don't copy it at load. */
  headers: Record<string, string>;
  /**
   * GETs of a `…/{product}` route as the signed-in browser, with `query`, for the file's product unless
   * another path segment is named.
   */
  productGet<T>(route: Route): (query?: Record<string, string>, product?: string) => Promise<CallResult<T>>;
  /** Raw chains of `product` as the worker takes them, in order: each enriched against those before, stored. */
  enrichAndStore(chains: readonly OptionChain[]): Promise<EnrichedChain[]>;
  /**
   * `read` answers the same once `product`'s cache is emptied (the PostgreSQL path) as it did from the cache;
   * `chains` are stored again afterwards for the file's other tests. Returns the answer from PostgreSQL.
   */
  expectSameWithColdCache<T>(chains: readonly EnrichedChain[], read: () => Promise<T>): Promise<T>;
}

/**
 * The market route tests' set-up: the file's harness (`useWebTest(env)`), `products` (by default one fresh
 * `testProduct`) in the catalogue and a signed-in browser's headers before the file's own `beforeAll`
 * hooks; after its tests, the products' cache keys are cleared before the harness closes.
 */
export function useMarketTest(
  products: readonly Product[] = [testProduct()],
  env: Record<string, string> = {},
): MarketTest {
  const web = useWebTest(env);
  const headers: Record<string, string> = {};
  beforeAll(async () => {
    Object.assign(headers, await signedIn(web));
    await seedProducts(web, products);
  });
  afterAll(async () => {
    for (const product of products) await clearCache(web, product.symbol);
  });
  const [product] = products;
  if (product === undefined) throw new Error('useMarketTest: no product to seed');
  const { symbol } = product;
  return {
    web,
    headers,
    product,
    symbol,
    productGet:
      <T>(route: Route) =>
      (query: Record<string, string> = {}, segment: string = symbol) =>
        web.call<T>(route, route.spec.path.replace('{product}', segment), { query, headers }),
    async enrichAndStore(chains) {
      const enriched = enrichInOrder(product, chains);
      await storeChains(web, enriched);
      return enriched;
    },
    async expectSameWithColdCache(chains, read) {
      const fromCache = await read();
      await clearCache(web, symbol);
      try {
        const fromDatabase = await read();
        expect(fromDatabase).toEqual(fromCache);
        return fromDatabase;
      } finally {
        await storeChains(web, chains);
      }
    },
  };
}

/** Each query of `cases` answers 400 with a validation error naming the field beside it. */
export async function expectFieldErrors(
  get: (query: Record<string, string>) => Promise<{ status: number; body: unknown }>,
  cases: readonly (readonly [query: Record<string, string>, field: string])[],
): Promise<void> {
  for (const [query, field] of cases) {
    const response = await get(query);
    expect(response.status, JSON.stringify(query)).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'VALIDATION_ERROR', field } });
  }
}
