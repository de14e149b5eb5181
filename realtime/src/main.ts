import { createApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { createLogger } from '@deltastream/bus/logger';
import { createMetricsRegistry } from '@deltastream/bus/metrics';
import { createRedis } from '@deltastream/bus/redis';
import { installShutdown } from '@deltastream/bus/shutdown';
import { createDb } from '@deltastream/db/client';
import { createRealtimeServer } from './app';
import { loadRealtimeConfig } from './config';

const config = loadRealtimeConfig();
const logger = createLogger('realtime', config.LOG_LEVEL);
const products = loadCatalogueFile(config.PRODUCT_CATALOGUE);
const registry = createMetricsRegistry('realtime');
// API-token look-ups only: a small pool.
const database = createDb(config.DATABASE_URL, { max: 4 });
const redis = createRedis(config.REDIS_URL, 'command', { prefix: config.REDIS_PREFIX });
const pubClient = createRedis(config.REDIS_URL, 'command', { prefix: config.REDIS_PREFIX });
const subClient = createRedis(config.REDIS_URL, 'subscriber', { prefix: config.REDIS_PREFIX });
const eventSubscriber = createRedis(config.REDIS_URL, 'subscriber', { prefix: config.REDIS_PREFIX });
// ioredis reconnects on its own; without a listener every failed attempt prints a stack to stderr.
for (const [role, connection] of Object.entries({ redis, pubClient, subClient, eventSubscriber })) {
  connection.on('error', (error: Error) => logger.warn({ err: error, role }, 'redis connection error'));
}
const apiTokens = createApiTokenLookup({
  db: database.db,
  redis,
  redisUrl: config.REDIS_URL,
  redisPrefix: config.REDIS_PREFIX,
  logger,
});

const server = createRealtimeServer({
  redis,
  pubClient,
  subClient,
  eventSubscriber,
  apiTokens,
  products,
  authSecret: config.AUTH_SECRET,
  publicMarketData: config.PUBLIC_MARKET_DATA,
  maxSubscriptionsPerClient: config.MAX_SUBSCRIPTIONS_PER_CLIENT,
  maxBufferedMessages: config.MAX_BUFFERED_MESSAGES,
  corsOrigins: config.REALTIME_CORS_ORIGINS,
  maxMessageBytes: config.REALTIME_MAX_MESSAGE_BYTES,
  clientEventLimit: {
    eventsPerSecond: config.REALTIME_CLIENT_EVENTS_PER_SECOND,
    burst: config.REALTIME_CLIENT_EVENT_BURST,
    maxRefused: config.REALTIME_MAX_REFUSED_EVENTS,
  },
  logger,
  registry,
});

const shutdown = installShutdown({
  logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async stop() {
    await server.close();
    apiTokens.close();
    await database.close();
    for (const connection of [redis, pubClient, subClient, eventSubscriber]) connection.disconnect();
  },
});

try {
  const port = await server.listen(config.REALTIME_PORT);
  logger.info(
    { port, products: products.length, publicMarketData: config.PUBLIC_MARKET_DATA },
    'realtime gateway started',
  );
} catch (error) {
  logger.fatal({ err: error }, 'realtime gateway failed to start');
  await shutdown('start-up failure', 1);
}
