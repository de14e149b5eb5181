import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, DEVELOPMENT_DATABASE_URL, type DbHandle } from './client';
import { maintenanceDatabaseUrl, runMigrations } from './migrate';

/** Valid wire objects, and a user to own what a test creates, for other packages' tests. */
export { countStoredQuotes, createTestUser, makeCandle, makeProduct } from './test-fixtures';

export interface TestDatabase extends DbHandle {
  /** The new database's URL, for code under test that opens its own connections. */
  url: string;
  /** Closes this handle's connections and drops the database, disconnecting anyone still connected. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own (`deltastream_test_<random>`) on the server `DATABASE_URL` names,
 * so test files can run in parallel and again without cleaning up after each other. Call `drop()` in
 * `afterAll`.
 */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? DEVELOPMENT_DATABASE_URL;
  const name = `deltastream_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const handle = createDb(url.toString(), { max: options.max ?? 4 });
  return {
    ...handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const admin = postgres(maintenanceDatabaseUrl(serverUrl), { max: 1, onnotice: () => {} });
      try {
        await admin`drop database if exists ${admin(name)} with (force)`;
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}
