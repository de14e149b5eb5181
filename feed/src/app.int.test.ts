import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { chainJobId, tickJobId } from '@deltastream/bus/job-id';
import { startOpsServer } from '@deltastream/bus/metrics';
import { closeMarketQueues, createMarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { listExpiries } from '@deltastream/core/calendar';
import { createFeed } from './app';
import { redisAnswersPing } from '@deltastream/bus/redis';
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
  it('report ready while Redis answers PING, and not when it does not', async () => {
    const probe = createRedis(redisUrl, 'command', { prefix });
    const unreachable = createRedis('redis://127.0.0.1:1', 'command', {
      prefix,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined); // the refused connection is the point of the test
    const server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      registry: new Registry(),
      ready: () => redisAnswersPing(probe),
    });
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      expect(await redisAnswersPing(unreachable, 500)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await probe.quit();
      unreachable.disconnect();
    }
  });
});
