import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { createLogger } from '@deltastream/bus/logger';
import { createMetricsRegistry, startOpsServer } from '@deltastream/bus/metrics';
import { createRedis } from '@deltastream/bus/redis';
import { installShutdown } from '@deltastream/bus/shutdown';
import { createDb } from '@deltastream/db/client';
import { createWorkerApp } from './app';
import { loadWorkerConfig } from './config';

const config = loadWorkerConfig();
const logger = createLogger('worker', config.LOG_LEVEL);
const products = new Map(loadCatalogueFile(config.PRODUCT_CATALOGUE).map((p) => [p.symbol, p]));
const registry = createMetricsRegistry('worker');
const database = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
const redis = createRedis(config.REDIS_URL, 'command', { prefix: config.REDIS_PREFIX });
const connection = createRedis(config.REDIS_URL, 'queue', { prefix: config.REDIS_PREFIX });

const app = createWorkerApp({
  db: database.db,
  redis,
  connection,
  products,
  logger,
  registry,
  queues: config.WORKER_QUEUES,
  chainConcurrency: config.WORKER_CHAIN_CONCURRENCY,
  tickConcurrency: config.WORKER_TICK_CONCURRENCY,
  retentionDays: config.RETENTION_DAYS,
  prefix: config.REDIS_PREFIX,
  lockDurationMs: config.WORKER_LOCK_DURATION_MS,
  bounds: {
    staleDataSeconds: config.WORKER_STALE_DATA_SECONDS,
    maxQueueBacklog: config.WORKER_MAX_QUEUE_BACKLOG,
  },
});
const ops = await startOpsServer({ port: config.WORKER_PORT, registry, readiness: app.readiness });

const shutdown = installShutdown({
  logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async stop() {
    await app.stop();
    ops.close();
    await database.close();
    redis.disconnect();
    connection.disconnect();
  },
});

try {
  await app.start();
  logger.info({ port: config.WORKER_PORT, products: products.size }, 'worker started');
} catch (error) {
  logger.fatal({ err: error }, 'worker failed to start');
  await shutdown('start-up failure', 1);
}
