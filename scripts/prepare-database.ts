/**
 * Brings the database to the state every tier expects: migrations applied, the product catalogue
 * seeded from config/products.json (or PRODUCT_CATALOGUE), and a demo user to sign in with.
 * Idempotent: safe to run at every start.
 */
import { z } from 'zod';
import { hashPassword } from '@deltastream/auth/passwords';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { BaseEnvSchema, parseEnv } from '@deltastream/bus/env';
import { createDb } from '@deltastream/db/client';
import { redactDatabaseUrl, runMigrations } from '@deltastream/db/migrate';
import { createUser, getUserByEmail, upsertProducts } from '@deltastream/db/queries';

const env = parseEnv(
  BaseEnvSchema.extend({
    PRODUCT_CATALOGUE: z.string().optional(),
    DEMO_EMAIL: z.email().default('demo@deltastream.local'),
    DEMO_PASSWORD: z.string().min(8).default('deltastream-demo'),
  }),
);

await runMigrations(env.DATABASE_URL);
const products = loadCatalogueFile(env.PRODUCT_CATALOGUE);
const { db, close } = createDb(env.DATABASE_URL, { max: 1 });
try {
  await upsertProducts(db, products);
  if (!(await getUserByEmail(db, env.DEMO_EMAIL))) {
    await createUser(db, {
      email: env.DEMO_EMAIL,
      passwordHash: await hashPassword(env.DEMO_PASSWORD),
      name: 'Demo Trader',
    });
  }
} finally {
  await close();
}
console.log(
  `database ready: ${redactDatabaseUrl(env.DATABASE_URL)} — ${products.length} products, demo user ${env.DEMO_EMAIL}`,
);
