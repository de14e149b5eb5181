/**
 * The feed's environment. The feed parses it once at start (feed/src/config.ts); the deployment checks
 * read the same declaration to hold compose, k8s and .env.example to it.
 */
import { z } from 'zod';
import { BaseEnvSchema, commaListEntries, PortSchema } from './env';

/** An unset variable and an empty one (`FEED_SEED=` in an env file) both mean "use the default". */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

export const FeedEnvSchema = BaseEnvSchema.extend({
  FEED_MODE: z.preprocess(unsetIfEmpty, z.enum(['simulate', 'replay']).default('simulate')),
  FEED_SEED: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(0xffff_ffff).optional()),
  FEED_TICKS_PER_SECOND: z.preprocess(unsetIfEmpty, z.coerce.number().positive().max(100).default(2)),
  FEED_CHAIN_INTERVAL_MS: z.preprocess(
    unsetIfEmpty,
    z.coerce.number().int().min(100).max(3_600_000).default(1000),
  ),
  FEED_PRODUCTS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((list) => commaListEntries(list.toUpperCase()))
      .refine((symbols) => symbols.length > 0, 'must list at least one product symbol, e.g. NIFTY,AAPL')
      .optional(),
  ),
  FEED_REPLAY_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  FEED_REPLAY_SPEED: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(10_000).default(1)),
  FEED_RECORD_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  FEED_PORT: z.preprocess(unsetIfEmpty, PortSchema.default(9101)),
  /** Default: the repository's config/products.json (see defaultCataloguePath). */
  PRODUCT_CATALOGUE: z.preprocess(unsetIfEmpty, z.string().optional()),
}).superRefine((env, ctx) => {
  if (env.FEED_MODE === 'replay' && env.FEED_REPLAY_FILE === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['FEED_REPLAY_FILE'],
      message: 'is required when FEED_MODE=replay',
    });
  }
  if (env.FEED_MODE === 'replay' && env.FEED_RECORD_FILE !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['FEED_RECORD_FILE'],
      message: 'records the simulator; unset it when FEED_MODE=replay',
    });
  }
});
export type FeedEnv = z.infer<typeof FeedEnvSchema>;
