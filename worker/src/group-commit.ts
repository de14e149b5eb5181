interface Pending<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. Concurrent jobs hand their writes here; while `maxInFlight` writes are running the
 * next items queue, and go together in the following call of `writeBatch` (up to `maxBatch` items).
 * Under light load every item is written alone and at once, so batching adds no latency; under load
 * PostgreSQL runs (and commits) one statement per batch instead of one per job, and a job never
 * waits behind more than one batch. `writeBatch` returns one result per item, in order. A failed
 * batch fails every job in it; the jobs retry, and the writes are idempotent.
 */
export function createGroupCommit<I, R>(
  writeBatch: (items: I[]) => Promise<R[]>,
  { maxBatch = 32, maxInFlight = 2 }: { maxBatch?: number; maxInFlight?: number } = {},
) {
  const pending: Pending<I, R>[] = [];
  let inFlight = 0;

  async function flush(): Promise<void> {
    inFlight += 1;
    while (pending.length > 0) {
      const batch = pending.splice(0, maxBatch);
      try {
        const results = await writeBatch(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i] as R));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    inFlight -= 1;
  }

  return {
    write(item: I): Promise<R> {
      return new Promise((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (inFlight < maxInFlight) void flush();
      });
    },
  };
}
export type GroupCommit<I, R> = ReturnType<typeof createGroupCommit<I, R>>;
