import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { products } from '@deltastream/db/schema';
import type { ProductsResponse } from '../../contracts/rest';
import { seedProducts, testProduct, uniqueSymbol, useMarketTest } from '../../server/market-fixtures';
import { PRODUCT_CACHE_TTL_MS } from '../../server/product-catalogue';
import { productsRoute } from './products';

const [first, second, retired, later] = [uniqueSymbol(), uniqueSymbol(), uniqueSymbol(), uniqueSymbol()].map(
  (s) => testProduct(s),
);
const { web, headers } = useMarketTest([first!, second!, retired!]);

beforeAll(async () => {
  await web.ctx.db.update(products).set({ active: false }).where(eq(products.symbol, retired!.symbol));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const list = () => web.call<ProductsResponse>(productsRoute, '/api/data/products', { headers });

describe('GET /api/data/products', () => {
  it("lists the active products in the catalogue's order, with their terms", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      products: [first!.symbol, second!.symbol],
      catalogue: [first!, second!],
    });
  });

  it('keeps the list for PRODUCT_CACHE_TTL_MS, then reads the table again', async () => {
    // The catalogue grows by one product, listed last.
    await seedProducts(web, [first!, second!, later!]);
    expect((await list()).body.products).not.toContain(later!.symbol);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + PRODUCT_CACHE_TTL_MS + 1);
    expect((await list()).body.catalogue).toEqual([first!, second!, later!]);
  });
});
