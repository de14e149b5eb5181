import { defineConfig } from 'drizzle-kit';

// `drizzle-kit generate` only diffs src/schema.ts against migrations/; applying them is src/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './migrations',
  strict: true,
});
