/**
 * The realtime gateway's environment. The gateway parses it once at start; the deployment checks read
 * the same declaration to hold compose, k8s and .env.example to it.
 */
import { z } from 'zod';
import { DEVELOPMENT_AUTH_SECRET, isAuthSecretAllowed } from '@deltastream/auth/access-tokens';
import { BaseEnvSchema, EnvBooleanSchema, PortSchema } from './env';

export const RealtimeEnvSchema = BaseEnvSchema.extend({
  REALTIME_PORT: PortSchema.default(8002),
  /** Lets clients without a token connect read-only (market data is then public). */
  PUBLIC_MARKET_DATA: EnvBooleanSchema.default(false),
  /** Shared with web, which issues the access tokens this tier verifies. */
  AUTH_SECRET: z.string().min(32).default(DEVELOPMENT_AUTH_SECRET),
  MAX_SUBSCRIPTIONS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Outgoing messages a socket may have queued before its updates are conflated (latest only). */
  MAX_BUFFERED_MESSAGES: z.coerce.number().int().min(1).max(100_000).default(200),
  PRODUCT_CATALOGUE: z.string().optional(),
}).superRefine((env, ctx) => {
  if (!isAuthSecretAllowed(env.NODE_ENV, env.AUTH_SECRET)) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_SECRET'],
      message: 'the development default is refused in production; set a secret of at least 32 characters',
    });
  }
});
