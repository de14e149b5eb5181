import type { EnrichedChain, UnderlyingTick } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { insertChainSnapshots, insertTicks, type TickCandles } from '@deltastream/db/queries';
import { createGroupCommit } from './group-commit';

/**
 * Chain snapshots, group-committed: resolves true when this call stored the snapshot. One statement in
 * flight per process: the chains enriched meanwhile wait for it and go together in the next, and a
 * chain's PostgreSQL cost falls with the batch (about 3.4 ms of server CPU alone, 2.6 ms in batches of
 * eight; bench/pipeline.bench.ts prints it per tier).
 */
export function createChainWriter(db: Db) {
  return createGroupCommit<EnrichedChain, boolean>(
    async (chains) => {
      const inserted = new Set(await insertChainSnapshots(db, chains));
      return chains.map((chain) => inserted.has(chain));
    },
    { maxInFlight: 1 },
  );
}
export type ChainWriter = ReturnType<typeof createChainWriter>;

/**
 * Tick batches with their candles, group-committed: batches of several products that arrive together
 * (the feed flushes every product's window at once) become one statement. Resolves with the ticks of
 * each batch that were new.
 */
export function createTickWriter(db: Db, candles: TickCandles) {
  return createGroupCommit<readonly UnderlyingTick[], UnderlyingTick[]>(async (batches) => {
    const inserted = new Set(await insertTicks(db, batches.flat(), candles));
    return batches.map((ticks) => ticks.filter((tick) => inserted.has(tick)));
  });
}
export type TickWriter = ReturnType<typeof createTickWriter>;
