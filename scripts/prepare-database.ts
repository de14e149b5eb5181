/**
 * Brings the database to the state every tier expects: migrations applied, the product catalogue
 * seeded from config/products.json (or PRODUCT_CATALOGUE), a demo user to sign in with, and (unless
 * SIMULATED_HISTORY=false) a year of simulated daily history for products that have none.
 * Idempotent: safe to run at every start.
 *
 * Containers run it bundled (`npm run build -w @deltastream/scripts` → dist/prepare-database.js, shipped in
 * the worker image), where the migrations folder is no longer found next to the source: MIGRATIONS_FOLDER
 * names it. SEED_DEMO_USER=false skips the demo user, whose password deployments should not have to know.
 */
import { hashPassword } from '@deltastream/auth/passwords';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { parseEnv } from '@deltastream/bus/env';
import { createDb } from '@deltastream/db/client';
import { redactDatabaseUrl, runMigrations } from '@deltastream/db/migrate';
import { createUser, getUserByEmail, upsertProducts } from '@deltastream/db/queries';
import { PrepareDatabaseEnvSchema } from './prepare-database-env';
import { backfillSimulatedHistory, type BackfillOutcome } from './simulated-history';

const env = parseEnv(PrepareDatabaseEnvSchema);

await runMigrations(
  env.DATABASE_URL,
  env.MIGRATIONS_FOLDER ? { migrationsFolder: env.MIGRATIONS_FOLDER } : {},
);
const products = loadCatalogueFile(env.PRODUCT_CATALOGUE);
const { db, close } = createDb(env.DATABASE_URL, { max: 1 });
let backfilled: BackfillOutcome[] = [];
try {
  await upsertProducts(db, products);
  if (env.SIMULATED_HISTORY) {
    backfilled = (await backfillSimulatedHistory(db, { products, seed: env.SIMULATED_HISTORY_SEED })).filter(
      ({ days }) => days > 0,
    );
  }
  if (env.SEED_DEMO_USER && !(await getUserByEmail(db, env.DEMO_EMAIL))) {
    await createUser(db, {
      email: env.DEMO_EMAIL,
      passwordHash: await hashPassword(env.DEMO_PASSWORD),
      name: 'Demo Trader',
    });
  }
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD && !(await getUserByEmail(db, env.ADMIN_EMAIL))) {
    await createUser(db, {
      email: env.ADMIN_EMAIL,
      passwordHash: await hashPassword(env.ADMIN_PASSWORD),
      name: 'Administrator',
      role: 'admin',
    });
  }
} finally {
  await close();
}
console.log(
  `database ready: ${redactDatabaseUrl(env.DATABASE_URL)} — ${products.length} products, ` +
    (env.SEED_DEMO_USER ? `demo user ${env.DEMO_EMAIL}` : 'no demo user') +
    (env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? `, administrator ${env.ADMIN_EMAIL}` : '') +
    (backfilled.length > 0
      ? `, a year of simulated history for ${backfilled.map(({ product }) => product).join(', ')}`
      : ''),
);
