/**
 * The realtime gateway's environment. The gateway parses it once at start; the deployment checks read
 * the same declaration to hold compose, k8s and .env.example to it.
 */
import { z } from 'zod';
import { AuthSecretSchema, refuseDevelopmentAuthSecret } from './auth-secret';
import { BaseEnvSchema, EnvBooleanSchema, PortSchema } from './env';

export const RealtimeEnvSchema = BaseEnvSchema.extend({
  REALTIME_PORT: PortSchema.default(8002),
  /** Lets clients without a token connect read-only (market data is then public). */
  PUBLIC_MARKET_DATA: EnvBooleanSchema.default(false),
  /** Shared with web, which issues the access tokens this tier verifies. */
  AUTH_SECRET: AuthSecretSchema,
  MAX_SUBSCRIPTIONS_PER_CLIENT: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Outgoing messages a socket may have queued before its updates are conflated (latest only). */
  MAX_BUFFERED_MESSAGES: z.coerce.number().int().min(1).max(100_000).default(200),
  PRODUCT_CATALOGUE: z.string().optional(),
}).superRefine(refuseDevelopmentAuthSecret);
