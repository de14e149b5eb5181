/**
 * The pipeline says when it stalls. With no worker consuming while the feed keeps enqueuing, the data age
 * grows and the backlog shows in the metrics the feed serves; a running worker that cannot get its jobs
 * done (its writes wait on a table lock) reports not ready and why; once it catches up it is ready again
 * and the data is fresh.
 */
import postgres from 'postgres';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '@deltastream/bus/metrics';
import { createPipelineMetrics } from '@deltastream/bus/pipeline-metrics';
import { enqueueTicks } from '@deltastream/bus/queues';
import { useWorkerHarness, waitFor } from './testing/harness';

const h = useWorkerHarness();

const bounds = { staleDataSeconds: 1, maxQueueBacklog: 3 };

describe('a stalled pipeline (real Redis and PostgreSQL)', () => {
  it('shows in the data age, the backlog and worker readiness, and clears when the worker catches up', async () => {
    // What the feed serves: the same pipeline metrics, read from the same Redis namespace and queues.
    const registry = new Registry();
    createPipelineMetrics(registry, {
      redis: h.redis,
      marketQueues: [h.queues.ticks, h.queues.chains],
      countedQueues: [h.queues.ticks, h.queues.chains, h.queues.deadLetter],
      products: [h.product.symbol],
    });
    const metric = async (name: string, labels: Record<string, string>) => {
      const family = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
      return family?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))
        ?.value;
    };
    const tickAge = () => metric(METRIC_NAMES.dataAge, { product: h.product.symbol, kind: 'tick' });
    const ticksWaiting = () => metric(METRIC_NAMES.queueDepth, { queue: 'market-ticks', state: 'waiting' });
    const oldestWaiting = () => metric(METRIC_NAMES.queueOldestWaiting, { queue: 'market-ticks' });

    let tickId = 1_000;
    let lastEnqueuedMs = 0;
    const enqueueTick = async () => {
      tickId += 1;
      lastEnqueuedMs = Date.now();
      await enqueueTicks(h.queues, [
        {
          type: 'UNDERLYING',
          product: h.product.symbol,
          price: 21_500 + (tickId % 7),
          timestamp: new Date(lastEnqueuedMs).toISOString(),
          tick_id: tickId,
        },
      ]);
    };

    // Flowing: the tick is processed at once and recorded within the second, so the newest processed
    // data is the last tick enqueued (give or take the time an enqueue takes on a loaded machine; the
    // ticks are 300 ms apart, so the bound still tells the last one from the one before).
    const agesTheLastTick = async () =>
      Math.abs(((await tickAge()) ?? Infinity) - (Date.now() - lastEnqueuedMs) / 1000) < 0.25;
    const first = h.startWorker({ bounds });
    await first.start();
    await enqueueTick();
    await waitFor(agesTheLastTick, 10_000, 'the data age of the last tick');
    expect((await first.readiness()).ready).toBe(true);
    await first.stop();

    // The worker is gone; the feed goes on.
    const ageWhenStopped = (await tickAge()) ?? 0;
    for (let i = 0; i < 5; i += 1) {
      await enqueueTick();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(await ticksWaiting()).toBe(5);
    expect(await oldestWaiting()).toBeGreaterThan(1.2);
    expect(await tickAge()).toBeGreaterThan(ageWhenStopped + 1.2);

    // A worker starts but its writes wait: a long lock on the ticks table (a migration, a vacuum full).
    const locker = postgres(h.database.url, { max: 1 });
    let releaseLock = () => {};
    const lockReleased = new Promise<void>((resolve) => (releaseLock = resolve));
    let lockHeld = () => {};
    const held = new Promise<void>((resolve) => (lockHeld = resolve));
    const transaction = locker.begin(async (tx) => {
      await tx`lock table underlying_ticks in access exclusive mode`;
      lockHeld();
      await lockReleased;
    });
    await held;
    try {
      const stuck = h.startWorker({ bounds, tickConcurrency: 1 });
      await stuck.start();
      await waitFor(
        async () =>
          ((await metric(METRIC_NAMES.queueDepth, { queue: 'market-ticks', state: 'active' })) ?? 0) === 1,
        10_000,
        'a job in hand',
      );
      const readiness = await stuck.readiness();
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.consuming).toEqual({ ok: true });
      expect(readiness.checks.redis).toEqual({ ok: true });
      expect(readiness.checks['market-ticks']?.ok).toBe(false);
      expect(readiness.checks['market-ticks']?.detail).toMatch(
        /^market-ticks: 4 jobs waiting or delayed, more than the bound of 3; a job has waited \d+\.\d s, longer than the bound of 1 s: its data is stale/,
      );
      expect(readiness.pipeline?.backlogs).toContainEqual(
        expect.objectContaining({ queue: 'market-ticks', waiting: 4, delayed: 0 }),
      );
      expect(readiness.checks['market-chains']).toEqual({
        ok: true,
        detail: 'market-chains: 0 waiting, 0 delayed',
      });
      expect(readiness.pipeline?.dataAges).toContainEqual(
        expect.objectContaining({ product: h.product.symbol, kind: 'tick' }),
      );

      releaseLock();
      await transaction;
      await waitFor(async () => (await stuck.readiness()).ready, 15_000, 'the worker ready again');
      expect(await ticksWaiting()).toBe(0);
      expect(await oldestWaiting()).toBe(0);
      await waitFor(agesTheLastTick, 10_000, 'the data age back to the last tick');
    } finally {
      releaseLock();
      await transaction.catch(() => undefined);
      await locker.end({ timeout: 1 });
    }
    // Each wait above has its own bound; together they need more than the default test timeout.
  }, 60_000);
});
