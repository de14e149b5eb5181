import { z } from 'zod';
import { BaseEnvSchema, EnvBooleanSchema } from '@deltastream/bus/env';

/** The environment of prepare-database.ts, apart so the deployment tests can read its variables. */
export const PrepareDatabaseEnvSchema = BaseEnvSchema.extend({
  PRODUCT_CATALOGUE: z.string().optional(),
  /** Where the SQL migrations are when this runs bundled (the worker image: /app/packages/db/migrations). */
  MIGRATIONS_FOLDER: z.string().optional(),
  SEED_DEMO_USER: EnvBooleanSchema.default(true),
  DEMO_EMAIL: z.email().default('demo@deltastream.local'),
  DEMO_PASSWORD: z.string().min(8).default('deltastream-demo'),
  /** An administrator (the queue dashboard at /admin/queues) is created when both are set. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  /**
   * A year of simulated daily history (IV points and candles, marked simulated) for every product that has
   * no daily IV history yet (scripts/simulated-history.ts).
   */
  SIMULATED_HISTORY: EnvBooleanSchema.default(true),
  /** The seed of that history: the same seed on the same day gives the same rows. */
  SIMULATED_HISTORY_SEED: z.coerce.number().int().min(0).max(0xffff_ffff).default(1),
});
