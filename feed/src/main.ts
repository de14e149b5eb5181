import { randomInt } from 'node:crypto';
import { ConfigError } from '@deltastream/bus/env';
import { createLogger } from '@deltastream/bus/logger';
import { createMetricsRegistry, startOpsServer } from '@deltastream/bus/metrics';
import { closeMarketQueues, createMarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import { installShutdown } from '@deltastream/bus/shutdown';
import { createDb } from '@deltastream/db/client';
import type { StoredMarket } from '@deltastream/simulator/simulator';
import { createFeed } from './app';
import { invalidVariable, loadFeedConfig, type FeedConfig } from './config';
import { createFeedOps } from './ops';
import { openRecorder, type Recorder } from './recording';
import { createReplay } from './replay';
import { readStoredMarket } from './stored-market';

function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

let config: FeedConfig;
try {
  config = loadFeedConfig();
} catch (error) {
  exitOnConfigError(error);
}
const { env, source, products, rates } = config;

let recorder: Recorder | undefined;
if (source.mode === 'simulate' && source.recordFile !== undefined) {
  const path = source.recordFile;
  recorder = await openRecorder(path).catch((error: Error) =>
    exitOnConfigError(invalidVariable('FEED_RECORD_FILE', `cannot append to ${path}: ${error.message}`)),
  );
}

const logger = createLogger('feed', env.LOG_LEVEL);
const registry = createMetricsRegistry('feed');
const queueConnection = createRedis(env.REDIS_URL, 'queue', { prefix: env.REDIS_PREFIX });
const probeConnection = createRedis(env.REDIS_URL, 'command', { prefix: env.REDIS_PREFIX });
// ioredis reconnects on its own; without a listener every failed attempt prints a stack to stderr.
for (const [role, connection] of [
  ['queue', queueConnection],
  ['command', probeConnection],
] as const) {
  connection.on('error', (error: Error) => logger.warn({ err: error, role }, 'redis connection error'));
}
const queues = createMarketQueues(queueConnection, env.REDIS_PREFIX);

/**
 * A restart continues the market the worker stored (prices, open interest, the session's volume) instead
 * of starting again from the catalogue: read once, before the first step.
 */
async function storedMarket(): Promise<StoredMarket> {
  const database = createDb(env.DATABASE_URL, { max: 1 });
  try {
    const { market, origins } = await readStoredMarket(
      { redis: probeConnection, db: database.db, logger },
      products,
      Date.now(),
    );
    logger.info({ origins }, 'continuing the stored market');
    return market;
  } finally {
    await database.close();
  }
}

// Without FEED_SEED the seed is random; the simulator logs it, so any session can be re-run.
const feed =
  source.mode === 'simulate'
    ? createFeed({
        products,
        queues,
        seed: source.seed ?? randomInt(0, 0x1_0000_0000),
        rates,
        continueFrom: await storedMarket(),
        logger,
        registry,
        recorder,
      })
    : undefined;
const replay =
  source.mode === 'replay'
    ? createReplay({ file: source.file, speed: source.speed, queues, logger, registry })
    : undefined;

const { readiness } = createFeedOps({
  registry,
  redis: probeConnection,
  queues,
  products: products.map((product) => product.symbol),
});
const opsServer = await startOpsServer({ port: env.FEED_PORT, registry, readiness });

const shutdown = installShutdown({
  logger,
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  stop: async () => {
    await feed?.stop();
    await replay?.stop();
    await new Promise<void>((resolve) => opsServer.close(() => resolve()));
    await closeMarketQueues(queues);
    await Promise.all([queueConnection.quit(), probeConnection.quit()]);
  },
});

logger.info({ ...source, port: env.FEED_PORT }, 'feed started');
feed?.start();
if (replay) {
  // A replay is a job with an end: once the file is done the process exits 0.
  const summary = await replay.run();
  logger.info(
    { ticks: summary.ticks, chains: summary.chains, skipped: summary.skipped.length },
    'replay finished',
  );
  await shutdown('replay finished', 0);
}
