/**
 * The realtime gateway's environment. The gateway parses it once at start; the deployment checks read
 * the same declaration to hold compose, k8s and .env.example to it.
 */
import { z } from 'zod';
import { AuthSecretSchema, refuseDevelopmentAuthSecret } from './auth-secret';
import { BaseEnvSchema, commaListEntries, EnvBooleanSchema, PortSchema } from './env';

/** A browser origin as it sends it: scheme, host and port, nothing after. */
const OriginSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}, 'each entry must be an origin such as https://deltastream.example.com (no path, no trailing slash, no *)');

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
  /**
   * Browser origins (comma list) whose pages may open a connection, besides the gateway's own origin.
   * The default lets a dashboard served by `npm run dev` on port 3000 in.
   */
  REALTIME_CORS_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000')
    .transform(commaListEntries)
    .pipe(z.array(OriginSchema).min(1, 'must list at least one origin')),
  /** The largest message a client may send (Socket.IO's maxHttpBufferSize); a larger one closes it. */
  REALTIME_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(1_000_000).default(16_384),
  /** Client events (subscribe, unsubscribe, get_products, …) a socket may send per second, sustained. */
  REALTIME_CLIENT_EVENTS_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
  /** Client events a socket may send at once (the token bucket's size): subscribing to 50 rooms fits. */
  REALTIME_CLIENT_EVENT_BURST: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Refused (rate-limited) events within a minute after which the gateway closes the connection. */
  REALTIME_MAX_REFUSED_EVENTS: z.coerce.number().int().min(1).max(10_000).default(20),
}).superRefine(refuseDevelopmentAuthSecret);
