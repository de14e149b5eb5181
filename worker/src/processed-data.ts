import type { Redis } from 'ioredis';
import type { Logger } from '@deltastream/bus/logger';
import { recordProcessedData, type DataKind, type ProcessedData } from '@deltastream/bus/pipeline-health';

/** How often a worker writes what it processed: the data age every tier reads lags by at most this. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * The newest job this process finished per product and kind, held in memory and written to Redis once a
 * second (one round trip, not one per job on the hot path).
 */
export function createProcessedDataRecorder(redis: Redis, logger: Logger) {
  let newest = new Map<string, ProcessedData>();
  let timer: NodeJS.Timeout | undefined;

  function note(kind: DataKind, product: string, enqueuedAtMs: number): void {
    const key = `${kind}:${product}`;
    const held = newest.get(key);
    if (!held || held.enqueuedAtMs < enqueuedAtMs) newest.set(key, { kind, product, enqueuedAtMs });
  }

  async function flush(): Promise<void> {
    if (newest.size === 0) return;
    const batch = newest;
    newest = new Map();
    try {
      await recordProcessedData(redis, [...batch.values()]);
    } catch (error) {
      // Kept for the next flush, merged with whatever is newer by then.
      for (const { kind, product, enqueuedAtMs } of batch.values()) note(kind, product, enqueuedAtMs);
      throw error;
    }
  }

  return {
    note,
    flush,
    start(): void {
      timer ??= setInterval(() => {
        flush().catch((error: unknown) => logger.warn({ err: error }, 'could not record processed data'));
      }, FLUSH_INTERVAL_MS);
      timer.unref();
    },
    /** Stops the timer and writes what is left. */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await flush();
    },
  };
}
