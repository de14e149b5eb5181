import type { Product } from '@deltastream/core/schemas';
import { useHookedObject } from '@deltastream/core/testing/hooks';
import { upsertProducts } from './queries/products';
import { createTestDatabase, type TestDatabase } from './testing';

/** The test file's database as its tests and hooks use it; `drop` is the file's `afterAll`. */
export type FileTestDatabase = Pick<TestDatabase, 'db' | 'sql' | 'url'>;

/**
 * The test file's own database: `beforeAll` creates it with `products` in its catalogue and `afterAll`
 * drops it. The handle forwards to that database, so a file declares it once at the top and uses it in
 * its tests and in the hooks it registers after this call (vitest runs `beforeAll` hooks in order).
 */
export function useTestDatabase(products: readonly Product[] = []): FileTestDatabase {
  return useHookedObject({
    what: 'the test database',
    async start() {
      const created = await createTestDatabase();
      await upsertProducts(created.db, products);
      return created;
    },
    stop: (created) => created.drop(),
  });
}
