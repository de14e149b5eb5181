import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { tickJobId } from '@deltastream/bus/job-id';
import { METRIC_NAMES } from '@deltastream/bus/metrics';
import { createFeed, type FeedDeps } from './app';
import { createCapturingQueues } from './capturing-queues';
import { openRecorder, readRecording } from './recording';

const catalogue = loadCatalogueFile();
const products = catalogue.filter((p) => p.symbol === 'NIFTY' || p.symbol === 'AAPL');
const start = Date.parse('2026-11-24T04:00:00.000Z');
const directory = mkdtempSync(join(tmpdir(), 'feed-app-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => void vi.useRealTimers());

function feedDeps(overrides: Partial<FeedDeps> = {}) {
  const capture = createCapturingQueues();
  const registry = new Registry();
  const deps: FeedDeps = {
    products,
    queues: capture.queues,
    seed: 1,
    rates: { ticksPerSecond: 2, chainIntervalMs: 1000 },
    logger: pino({ level: 'silent' }),
    registry,
    tickBatchWindowMs: 1000,
    ...overrides,
  };
  return { deps, capture, registry };
}

describe('createFeed', () => {
  it('runs deterministically: ticks batched per product and second, a job per chain, counters by product', async () => {
    const { deps, capture, registry } = feedDeps();
    const output = await createFeed(deps).runFor(start, 3000);
    expect(output.ticks).toHaveLength(12);
    const firstTickId = start / 500;
    expect(capture.jobIds().ticks).toEqual(
      [0, 2, 4].flatMap((i) => [tickJobId('NIFTY', firstTickId + i), tickJobId('AAPL', firstTickId + i)]),
    );
    expect(capture.ticks.every((job) => job.data.ticks.length === 2)).toBe(true);
    expect(capture.chains.map((job) => job.data)).toEqual(output.chains);

    const ticks = await registry.getSingleMetric(METRIC_NAMES.feedTicksPublished)?.get();
    expect(ticks?.values.map((v) => [v.labels.product, v.value])).toEqual([
      ['NIFTY', 6],
      ['AAPL', 6],
    ]);
    const chains = await registry.getSingleMetric(METRIC_NAMES.feedChainsPublished)?.get();
    expect(chains?.values.map((v) => v.value).reduce((a, b) => a + b, 0)).toBe(output.chains.length);

    const again = feedDeps();
    await createFeed(again.deps).runFor(start, 3000);
    expect(again.capture.jobIds()).toEqual(capture.jobIds());
  });

  it('records everything it emits when given a recorder', async () => {
    const file = join(directory, 'recorded.jsonl');
    const { deps } = feedDeps({ recorder: await openRecorder(file) });
    const feed = createFeed(deps);
    const output = await feed.runFor(start, 2000);
    await feed.stop();
    const recorded = { ticks: [] as unknown[], chains: [] as unknown[] };
    for await (const entry of readRecording(file)) {
      if (!entry.ok) throw new Error(`line ${entry.lineNumber}: ${entry.error}`);
      if (entry.message.kind === 'tick') recorded.ticks.push(entry.message.tick);
      else recorded.chains.push(entry.message.chain);
    }
    expect(recorded).toEqual(output);
  });

  it('steps on the clock at every boundary once started, and flushes buffered ticks on stop', async () => {
    vi.useFakeTimers({ now: start + 120 });
    const { deps, capture } = feedDeps();
    const feed = createFeed(deps);
    feed.start();
    await vi.advanceTimersByTimeAsync(2400);
    await feed.stop();
    // Steps at +120 ms, then at +500, +1000, +1500, +2000, +2500: one tick per product at each.
    const ticks = capture.ticks.flatMap((job) => job.data.ticks);
    expect(ticks.filter((t) => t.product === 'NIFTY').map((t) => Date.parse(t.timestamp) - start)).toEqual([
      120, 500, 1000, 1500, 2000, 2500,
    ]);
    expect(new Set(capture.chains.map((job) => job.data.seq))).toEqual(
      new Set([0, 1, 2].map((i) => start / 1000 + i)),
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(capture.ticks.flatMap((job) => job.data.ticks)).toHaveLength(ticks.length);
  });
});
