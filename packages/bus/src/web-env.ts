/**
 * web's environment, for each of its processes: Next.js (the dashboard and most of /api), the market API
 * (the same route handlers in a plain Node server, for /api/data and /api/analytics), and the local edge
 * that routes between them on a developer's machine. Each parses its schema once at start; the
 * deployment checks read the same declarations to hold compose, k8s and .env.example to them.
 */
import { z } from 'zod';
import { AuthSecretSchema, refuseDevelopmentAuthSecret } from './auth-secret';
import { BaseEnvSchema, EnvBooleanSchema, PortSchema } from './env';
import { RealtimeEnvSchema } from './realtime-env';

const positiveInt = z.coerce.number().int().positive();

const WebEnvObject = BaseEnvSchema.extend({
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
  /**
   * Our proxies in front of web, each appending to X-Forwarded-For: they say which entry is the client.
   * At least 1: Next.js route handlers never see the socket, so web always runs behind an edge (the local
   * edge, nginx, the Ingress), and without one every entry would be the client's own choice.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
});

export const WebEnvSchema = WebEnvObject.superRefine(refuseDevelopmentAuthSecret);

/** Where the market API listens for the edge (`/health`, `/ready` and `/metrics` on the same port). */
export const MARKET_API_DEFAULT_PORT = 3101;

export const MarketApiEnvSchema = WebEnvObject.extend({
  MARKET_API_PORT: PortSchema.default(MARKET_API_DEFAULT_PORT),
  /** 0.0.0.0 in a container; the loopback address behind a local edge on the same machine. */
  MARKET_API_HOST: z.string().min(1).default('0.0.0.0'),
}).superRefine(refuseDevelopmentAuthSecret);

/**
 * The local edge of `npm start` and `npm run dev`: the public web port, and the loopback ports of the
 * processes it routes to (@deltastream/bus/edge-routes), as nginx and the Ingress do in deployments.
 */
export const LocalEdgeEnvSchema = z.object({
  LOG_LEVEL: BaseEnvSchema.shape.LOG_LEVEL,
  WEB_PORT: PortSchema.default(3000),
  NEXT_PORT: PortSchema.default(3100),
  MARKET_API_PORT: PortSchema.default(MARKET_API_DEFAULT_PORT),
  REALTIME_PORT: RealtimeEnvSchema.shape.REALTIME_PORT,
});
