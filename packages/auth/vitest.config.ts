import { defineConfig } from 'vitest/config';

// Integration tests create a database and run migrations before their first query.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000 },
});
