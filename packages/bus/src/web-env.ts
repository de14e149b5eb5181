/**
 * web's environment. web parses it once at start; the deployment checks read the same declaration to
 * hold compose, k8s and .env.example to it.
 */
import { z } from 'zod';
import { AuthSecretSchema, refuseDevelopmentAuthSecret } from './auth-secret';
import { BaseEnvSchema, EnvBooleanSchema } from './env';

const positiveInt = z.coerce.number().int().positive();

export const WebEnvSchema = BaseEnvSchema.extend({
  /** Lets requests without credentials read market data (local quick start only). */
  PUBLIC_MARKET_DATA: EnvBooleanSchema.default(false),
  /** Signs sessions and the access tokens realtime verifies; shared with realtime. */
  AUTH_SECRET: AuthSecretSchema,
  /** Where browsers reach the Socket.IO gateway (the ingress in production). */
  REALTIME_PUBLIC_URL: z.url().default('http://localhost:8002'),
  DATABASE_POOL_SIZE: positiveInt.max(100).default(10),
  /** Requests per minute for one API token, user or (anonymous) address. */
  API_RATE_LIMIT_PER_MINUTE: positiveInt.default(1200),
  /** Sign-in attempts per account, and per address, in LOGIN_RATE_WINDOW_SECONDS. */
  LOGIN_ATTEMPTS_PER_ACCOUNT: positiveInt.default(5),
  LOGIN_ATTEMPTS_PER_IP: positiveInt.default(20),
  LOGIN_RATE_WINDOW_SECONDS: positiveInt.default(900),
  /** Lifetime of the bearer tokens `POST /api/auth/login` issues. */
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.max(86_400).default(900),
  /** Our proxies in front of web (1: the ingress); they say which X-Forwarded-For entry is the client. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
}).superRefine(refuseDevelopmentAuthSecret);
