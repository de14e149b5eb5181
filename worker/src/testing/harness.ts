import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { CHANNELS, subscribe, type ChannelPayloads } from '@deltastream/bus/channels';
import type { PipelineBounds } from '@deltastream/bus/pipeline-health';
import { createMarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import { deleteNamespace, testRedisPrefix } from '@deltastream/bus/testing';
import { WorkerEnvSchema } from '@deltastream/bus/worker-env';
import type { Product } from '@deltastream/core/schemas';
import { useHookedObject } from '@deltastream/core/testing/hooks';
import { upsertProducts } from '@deltastream/db/queries';
import { createTestDatabase } from '@deltastream/db/testing';
import { createWorkerApp, type WorkerApp } from '../app';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Everything one worker integration test needs, isolated: its own database, a Redis namespace of its own
 * (cache keys, channels and queues) and a product symbol of its own (a copy of NIFTY). `close()` removes
 * all of it.
 */
export async function createWorkerHarness() {
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  const product: Product = {
    ...loadCatalogueFile().find((p) => p.symbol === 'NIFTY')!,
    symbol: `W${suffix}`,
  };
  const prefix = testRedisPrefix('worker');
  const database = await createTestDatabase();
  await upsertProducts(database.db, [product]);
  const catalogueDir = mkdtempSync(join(tmpdir(), 'ds-catalogue-'));
  const cataloguePath = join(catalogueDir, 'products.json');
  writeFileSync(cataloguePath, JSON.stringify({ products: [product] }));

  const redis = createRedis(REDIS_URL, 'command', { prefix });
  const connection = createRedis(REDIS_URL, 'queue', { prefix });
  const subscriber = createRedis(REDIS_URL, 'subscriber', { prefix });
  const queues = createMarketQueues(connection, prefix);
  const events = {
    chains: [] as ChannelPayloads[typeof CHANNELS.enrichedChain][],
    ticks: [] as ChannelPayloads[typeof CHANNELS.enrichedUnderlying][],
    alerts: [] as ChannelPayloads[typeof CHANNELS.alertFired][],
  };
  await subscribe(
    subscriber,
    {
      [CHANNELS.enrichedChain]: (chain) => chain.product === product.symbol && events.chains.push(chain),
      [CHANNELS.enrichedUnderlying]: (tick) => tick.product === product.symbol && events.ticks.push(tick),
      [CHANNELS.alertFired]: (notification) =>
        notification.alert.product === product.symbol && events.alerts.push(notification),
    },
    // The namespace is this harness's alone: an event that fails validation is a bug the tests should see
    // as a missing event, which they wait for.
    () => {},
  );

  const apps: WorkerApp[] = [];
  const defaults = WorkerEnvSchema.parse({});
  function startWorker(
    options: {
      lockDurationMs?: number;
      predecessorWaitMs?: number;
      tickConcurrency?: number;
      bounds?: PipelineBounds;
      activeAlertsMaxAgeMs?: number;
    } = {},
  ) {
    const app = createWorkerApp({
      db: database.db,
      redis,
      connection,
      products: new Map([[product.symbol, product]]),
      logger: pino({ level: 'silent' }),
      registry: new Registry(),
      chainConcurrency: 4,
      tickConcurrency: 4,
      retentionDays: 30,
      prefix,
      predecessorWaitMs: 1_000,
      bounds: {
        staleDataSeconds: defaults.WORKER_STALE_DATA_SECONDS,
        maxQueueBacklog: defaults.WORKER_MAX_QUEUE_BACKLOG,
      },
      ...options,
    });
    apps.push(app);
    return app;
  }

  return {
    product,
    prefix,
    database,
    cataloguePath,
    redis: redis as Redis,
    queues,
    events,
    startWorker,
    async close() {
      await Promise.all(apps.map((app) => app.stop()));
      await Promise.all([
        queues.ticks.obliterate({ force: true }),
        queues.chains.obliterate({ force: true }),
        queues.deadLetter.obliterate({ force: true }),
      ]);
      await Promise.all([queues.ticks.close(), queues.chains.close(), queues.deadLetter.close()]);
      await deleteNamespace(redis);
      subscriber.disconnect();
      redis.disconnect();
      connection.disconnect();
      await database.drop();
    },
  };
}
export type WorkerHarness = Awaited<ReturnType<typeof createWorkerHarness>>;

/**
 * A harness of its own for each test of the file: `beforeEach` creates it and `afterEach` closes it. The
 * object returned reads through to the running test's harness, so a file declares it once at the top
 * (`useHookedValue` says in which order hooks run).
 */
export function useWorkerHarness(): WorkerHarness {
  return useHookedObject({
    what: 'the worker harness',
    per: 'test',
    start: createWorkerHarness,
    stop: (harness) => harness.close(),
  });
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
