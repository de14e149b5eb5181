import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@deltastream/bus/logger';
import type { Registry } from 'prom-client';
import { createPublisher, type FeedQueues } from './publisher';
import { readRecording } from './recording';

/**
 * Replays a recording (recording.ts) into the queues with the recorded ids, so every job id is the
 * one the recorded session enqueued (ticks are batched by their timestamps, tick-batcher.ts) and a
 * replay of data already enqueued adds nothing while BullMQ keeps those jobs.
 *
 * Pacing: message i is emitted `(t_i − t_0) / speed` after the first, t the recorded timestamps:
 * speed 1 is real time, 10 ten times faster, 0 as fast as the queues accept. A line that does not
 * parse or validate is logged with its line number and skipped.
 */
export interface ReplayDeps {
  file: string;
  speed: number;
  queues: FeedQueues;
  logger: Logger;
  registry: Registry;
  clock?: () => number;
  tickBatchWindowMs?: number;
}

export interface SkippedLine {
  lineNumber: number;
  error: string;
}

export interface ReplaySummary {
  ticks: number;
  chains: number;
  skipped: SkippedLine[];
  /** False when stop() ended the replay before the end of the file. */
  completed: boolean;
}

export interface Replay {
  /** Replays the file once; resolves when the file is done or stop() was called. */
  run(): Promise<ReplaySummary>;
  stop(): Promise<void>;
}

/** Milliseconds to wait before emitting a message recorded at `recordedMs` (0 when due or speed is 0). */
export function replayDelayMs(
  recordedMs: number,
  firstRecordedMs: number,
  startedMs: number,
  nowMs: number,
  speed: number,
): number {
  if (speed === 0) return 0;
  return Math.max(0, startedMs + (recordedMs - firstRecordedMs) / speed - nowMs);
}

export function createReplay({
  file,
  speed,
  queues,
  logger,
  registry,
  clock = Date.now,
  tickBatchWindowMs,
}: ReplayDeps): Replay {
  const publisher = createPublisher({ queues, registry, tickBatchWindowMs });
  const abort = new AbortController();
  let running: Promise<ReplaySummary> | undefined;

  async function replay(): Promise<ReplaySummary> {
    const summary: ReplaySummary = { ticks: 0, chains: 0, skipped: [], completed: false };
    const startedMs = clock();
    let firstRecordedMs: number | undefined;
    for await (const entry of readRecording(file)) {
      if (abort.signal.aborted) break;
      if (!entry.ok) {
        logger.warn({ file, line: entry.lineNumber, error: entry.error }, 'skipping bad recording line');
        summary.skipped.push({ lineNumber: entry.lineNumber, error: entry.error });
        continue;
      }
      const { message } = entry;
      const recordedMs = Date.parse(
        message.kind === 'tick' ? message.tick.timestamp : message.chain.timestamp,
      );
      firstRecordedMs ??= recordedMs;
      const delayMs = replayDelayMs(recordedMs, firstRecordedMs, startedMs, clock(), speed);
      if (delayMs > 0) {
        try {
          await sleep(delayMs, undefined, { signal: abort.signal });
        } catch {
          break;
        }
      }
      if (message.kind === 'tick') {
        await publisher.publish([message.tick], [], recordedMs);
        summary.ticks += 1;
      } else {
        await publisher.publish([], [message.chain], recordedMs);
        summary.chains += 1;
      }
    }
    await publisher.flush();
    summary.completed = !abort.signal.aborted;
    return summary;
  }

  return {
    run() {
      running ??= replay();
      return running;
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}
