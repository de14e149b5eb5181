import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_KEYS } from '@deltastream/bus/cache';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { chainJobId, tickJobId } from '@deltastream/bus/job-id';
import { startOpsServer } from '@deltastream/bus/metrics';
import { recordProcessedData } from '@deltastream/bus/pipeline-health';
import { closeMarketQueues, createMarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { listExpiries } from '@deltastream/core/calendar';
import { createFeed } from './app';
import { createFeedOps } from './ops';
import { createReplay } from './replay';
import { SAMPLE_SESSION, SAMPLE_SESSION_FILE, sampleSessionProducts } from './sample-session';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
const products = sampleSessionProducts(loadCatalogueFile());
const { seed, rates, startMs, durationMs } = SAMPLE_SESSION;

// A namespace of its own: the test never touches the real queues and can run in parallel with itself.
const prefix = testRedisPrefix('feed');
const connection = createRedis(redisUrl, 'queue', { prefix });
const queues = createMarketQueues(connection, prefix);

async function jobIds(queue: Queue) {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  return jobs.map((job) => job.id).sort();
}

function runSeededFeed(registry = new Registry()) {
  return createFeed({ products, queues, seed, rates, logger, registry, tickBatchWindowMs: 1000 }).runFor(
    startMs,
    durationMs,
  );
}

beforeAll(async () => {
  await queues.ticks.waitUntilReady();
});

afterAll(async () => {
  await queues.ticks.obliterate({ force: true });
  await queues.chains.obliterate({ force: true });
  await queues.deadLetter.obliterate({ force: true });
  await closeMarketQueues(queues);
  await connection.quit();
});

describe('feed → BullMQ (real Redis)', () => {
  // Two ticks per product per one-second window; a chain per product, expiry and second.
  const firstTickId = startMs / 500;
  const expectedTickIds = products
    .flatMap((p) => [0, 2, 4].map((i) => tickJobId(p.symbol, firstTickId + i)))
    .sort();
  const expectedChainIds = products
    .flatMap((p) =>
      listExpiries(p, startMs).flatMap((expiry) =>
        [0, 1, 2].map((i) => chainJobId(p.symbol, expiry, startMs / 1000 + i)),
      ),
    )
    .sort();

  it('enqueues exactly the expected jobs with the expected ids', async () => {
    const registry = new Registry();
    const output = await runSeededFeed(registry);
    expect(await jobIds(queues.ticks)).toEqual(expectedTickIds);
    expect(await jobIds(queues.chains)).toEqual(expectedChainIds);
    expect(expectedChainIds).toHaveLength(output.chains.length);

    const job = await queues.ticks.getJob(tickJobId('NIFTY', firstTickId));
    expect(job?.data.ticks).toEqual(output.ticks.filter((t) => t.product === 'NIFTY').slice(0, 2));
    expect(await registry.metrics()).toMatch(/deltastream_feed_ticks_published_total\{product="NIFTY"\} 6/);
  });

  it('adds no job when the same seeded steps run again', async () => {
    const firstJob = await queues.chains.getJob(expectedChainIds[0] ?? '');
    await runSeededFeed();
    expect(await jobIds(queues.ticks)).toEqual(expectedTickIds);
    expect(await jobIds(queues.chains)).toEqual(expectedChainIds);
    expect((await queues.chains.getJob(expectedChainIds[0] ?? ''))?.timestamp).toBe(firstJob?.timestamp);
  });

  it('adds no job when the recorded session is replayed', async () => {
    const replay = createReplay({
      file: fileURLToPath(SAMPLE_SESSION_FILE),
      speed: 0,
      queues,
      logger,
      registry: new Registry(),
      tickBatchWindowMs: 1000,
    });
    const summary = await replay.run();
    expect(summary.skipped).toEqual([]);
    expect(await jobIds(queues.ticks)).toEqual(expectedTickIds);
    expect(await jobIds(queues.chains)).toEqual(expectedChainIds);
  });
});

describe('operations endpoints', () => {
  async function serve(ops: ReturnType<typeof createFeedOps>, registry: Registry) {
    const server = await startOpsServer({ port: 0, host: '127.0.0.1', registry, readiness: ops.readiness });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      get: (path: string) => fetch(`http://127.0.0.1:${port}${path}`),
      close: () => new Promise((resolve) => server.close(resolve)),
    };
  }

  it('answer /health without Redis, /ready only while Redis answers, with the reason when not', async () => {
    const unreachable = createRedis('redis://127.0.0.1:1', 'command', {
      prefix,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined); // the refused connection is the point of the test
    const probe = createRedis(redisUrl, 'command', { prefix });
    const symbols = products.map((p) => p.symbol);
    const registry = new Registry();
    const up = await serve(createFeedOps({ registry, redis: probe, queues, products: symbols }), registry);
    const downRegistry = new Registry();
    const down = await serve(
      createFeedOps({ registry: downRegistry, redis: unreachable, queues, products: symbols }),
      downRegistry,
    );
    try {
      for (const server of [up, down]) {
        const health = await server.get('/health');
        expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      }
      const ready = await up.get('/ready');
      expect([ready.status, await ready.json()]).toEqual([
        200,
        { status: 'ready', checks: { redis: { ok: true } } },
      ]);
      const notReady = await down.get('/ready');
      expect([notReady.status, await notReady.json()]).toEqual([
        503,
        {
          status: 'unavailable',
          checks: { redis: { ok: false, detail: 'Redis did not answer within 1000 ms' } },
        },
      ]);
    } finally {
      await Promise.all([up.close(), down.close()]);
      await probe.quit();
      unreachable.disconnect();
    }
  });

  it('serve the queue depth, the oldest waiting job and the data age of its products', async () => {
    const probe = createRedis(redisUrl, 'command', { prefix });
    const registry = new Registry();
    const [nifty, other] = products.map((p) => p.symbol);
    const server = await serve(
      createFeedOps({ registry, redis: probe, queues, products: [nifty ?? ''] }),
      registry,
    );
    try {
      await queues.ticks.add('ticks', { ticks: [] } as never, { jobId: `ops-${prefix}` });
      const enqueuedMs = Date.now() - 42_000;
      await recordProcessedData(probe, [
        { kind: 'chain', product: nifty ?? '', enqueuedAtMs: enqueuedMs },
        { kind: 'chain', product: other ?? '', enqueuedAtMs: enqueuedMs },
      ]);
      const counts = await queues.ticks.getJobCounts('waiting', 'delayed');
      const [oldest] = await queues.ticks.getWaiting(0, 0);

      const text = await (await server.get('/metrics')).text();
      const value = (series: string) => Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(text)?.[1]);
      expect(value('deltastream_queue_jobs\\{queue="market-ticks",state="waiting"\\}')).toBe(counts.waiting);
      expect(value('deltastream_queue_jobs\\{queue="market-ticks",state="delayed"\\}')).toBe(counts.delayed);
      const oldestSeconds = (Date.now() - (oldest?.timestamp ?? 0)) / 1000;
      expect(value('deltastream_queue_oldest_waiting_seconds\\{queue="market-ticks"\\}')).toBeCloseTo(
        oldestSeconds,
        0,
      );
      const age = value(`deltastream_data_age_seconds\\{product="${nifty}",kind="chain"\\}`);
      expect(age).toBeGreaterThanOrEqual(42);
      expect(age).toBeLessThan(45);
      // Only the products this feed publishes.
      expect(text).not.toContain(`product="${other}",kind="chain"`);
    } finally {
      await server.close();
      await probe.del(CACHE_KEYS.dataFreshness());
      await probe.quit();
    }
  });
});
