import { defineConfig } from 'vitest/config';

// One run over every workspace, so the test command prints a single summary.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', '{feed,worker,realtime,web,scripts}/vitest.config.ts'],
  },
});
