import type { EnrichedChain } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { insertChainSnapshots } from '@deltastream/db/queries';

interface PendingWrite {
  chain: EnrichedChain;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for chain snapshots. Concurrent jobs hand their chains here; while `maxInFlight`
 * inserts are running the next chains queue, and go together in the following statement (up to
 * `maxBatch`). Under light load every chain is written alone and at once, so batching adds no
 * latency; under heavy load PostgreSQL commits (and flushes its WAL) once per batch instead of once
 * per chain. Two statements in flight keep a chain from waiting behind a whole batch.
 * A failed batch fails every job in it; the jobs retry, and the writes are idempotent.
 */
export function createChainWriter(
  db: Db,
  { maxBatch = 32, maxInFlight = 2 }: { maxBatch?: number; maxInFlight?: number } = {},
) {
  const pending: PendingWrite[] = [];
  let inFlight = 0;

  async function flush(): Promise<void> {
    inFlight += 1;
    while (pending.length > 0) {
      const batch = pending.splice(0, maxBatch);
      try {
        const inserted = new Set(
          await insertChainSnapshots(
            db,
            batch.map((write) => write.chain),
          ),
        );
        for (const write of batch) write.resolve(inserted.has(write.chain));
      } catch (error) {
        for (const write of batch) write.reject(error);
      }
    }
    inFlight -= 1;
  }

  return {
    /** Resolves true when this call stored the snapshot, false when it was already stored. */
    write(chain: EnrichedChain): Promise<boolean> {
      return new Promise((resolve, reject) => {
        pending.push({ chain, resolve, reject });
        if (inFlight < maxInFlight) void flush();
      });
    },
  };
}
export type ChainWriter = ReturnType<typeof createChainWriter>;
