import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { chainJobId, tickJobId } from '@deltastream/bus/job-id';
import { createFeed } from './app';
import { createCapturingQueues } from './capturing-queues';
import { createReplay, replayDelayMs } from './replay';
import { SAMPLE_SESSION, SAMPLE_SESSION_FILE, sampleSessionProducts } from './sample-session';

const logger = pino({ level: 'silent' });
const directory = mkdtempSync(join(tmpdir(), 'feed-replay-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function replayInto(file: string) {
  const capture = createCapturingQueues();
  const replay = createReplay({ file, speed: 0, queues: capture.queues, logger, registry: new Registry() });
  return { capture, replay };
}

describe('replay', () => {
  it('re-enqueues the sample session with the job ids the simulator gave it', async () => {
    const simulated = createCapturingQueues();
    const feed = createFeed({
      products: sampleSessionProducts(loadCatalogueFile()),
      queues: simulated.queues,
      seed: SAMPLE_SESSION.seed,
      rates: SAMPLE_SESSION.rates,
      logger,
      registry: new Registry(),
    });
    const output = await feed.runFor(SAMPLE_SESSION.startMs, SAMPLE_SESSION.durationMs);

    const { capture, replay } = replayInto(fileURLToPath(SAMPLE_SESSION_FILE));
    const summary = await replay.run();
    expect(summary).toEqual({
      ticks: output.ticks.length,
      chains: output.chains.length,
      skipped: [],
      completed: true,
    });
    expect(capture.jobIds()).toEqual(simulated.jobIds());
    expect(capture.ticks.map((job) => job.data)).toEqual(simulated.ticks.map((job) => job.data));

    // Two ticks a second: each 100 ms window holds at most one tick, whose id names the job.
    const firstTickId = SAMPLE_SESSION.startMs / 500;
    expect(capture.jobIds().ticks).toEqual(
      [0, 1, 2, 3, 4, 5].flatMap((i) => [
        tickJobId('NIFTY', firstTickId + i),
        tickJobId('AAPL', firstTickId + i),
      ]),
    );
    expect(capture.jobIds().chains[0]).toBe(chainJobId('NIFTY', '2026-12-01', SAMPLE_SESSION.startMs / 1000));
  });

  it('reports a bad line with its number, skips it and replays the rest', async () => {
    const lines = readFileSync(SAMPLE_SESSION_FILE, 'utf8').split('\n');
    lines.splice(2, 0, '{"kind":"tick","product":"NIFTY","price":"high"}');
    const file = join(directory, 'with-bad-line.jsonl');
    writeFileSync(file, lines.join('\n'));

    const { capture, replay } = replayInto(file);
    const summary = await replay.run();
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]?.lineNumber).toBe(3);
    expect(summary.skipped[0]?.error).toMatch(/^invalid tick: price: .*timestamp: .*tick_id: /);
    const clean = replayInto(fileURLToPath(SAMPLE_SESSION_FILE));
    await clean.replay.run();
    expect(capture.jobIds()).toEqual(clean.capture.jobIds());
  });

  it('paces messages by their recorded time divided by the speed', () => {
    expect(replayDelayMs(10_000, 10_000, 500, 500, 1)).toBe(0);
    expect(replayDelayMs(12_000, 10_000, 500, 700, 1)).toBe(1800);
    expect(replayDelayMs(12_000, 10_000, 500, 700, 10)).toBe(0);
    expect(replayDelayMs(30_000, 10_000, 500, 700, 10)).toBe(1800);
    expect(replayDelayMs(30_000, 10_000, 500, 700, 0)).toBe(0);
  });

  it('stops in the middle of a paced replay', async () => {
    // At a thousandth of real time the second tick is due in 500 s: stop() must cut that wait short.
    const replay = createReplay({
      file: fileURLToPath(SAMPLE_SESSION_FILE),
      speed: 0.001,
      queues: createCapturingQueues().queues,
      logger,
      registry: new Registry(),
    });
    const running = replay.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await replay.stop();
    const summary = await running;
    expect(summary.completed).toBe(false);
    expect(summary.ticks).toBe(SAMPLE_SESSION.symbols.length);
  });
});
