import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { cacheLatestChain, getSnapshotQuotesBefore, snapshotQuotesOf } from '@deltastream/bus/cache';
import { CHANNELS } from '@deltastream/bus/channels';
import { ChainJobSchema } from '@deltastream/bus/queues';
import { enrichChain, type PreviousSnapshot } from '@deltastream/core/analytics';
import type { EnrichedChain, OptionChain, Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { getPreviousQuotes } from '@deltastream/db/queries';
import type { ChainWriter } from './writers';
import { isInputError, parseJobData } from './job-errors';
import type { SessionBases } from './session-bases';

export interface ChainProcessorDeps {
  db: Db;
  redis: Redis;
  chainWriter: ChainWriter;
  /** The last snapshot this process stored per expiry (see recentSnapshots): the base of snapshot changes. */
  recentSnapshots: RecentSnapshots;
  /** The base of the session's changes per (product, expiry, session), held per process. */
  sessionBases: SessionBases;
  products: ReadonlyMap<string, Product>;
  now: () => Date;
  /** Defaults to PREDECESSOR_WAIT_MS. */
  predecessorWaitMs?: number;
}

export type ChainOutcome = { status: 'inserted' | 'duplicate'; chain: EnrichedChain };

/**
 * How long a chain waits for the snapshot it names as its predecessor. Chains of one expiry can be
 * processed concurrently (several jobs, several workers); waiting keeps the snapshot changes exact and
 * guarantees that everything before the chain is stored when its session base is looked up. A
 * predecessor that never lands (dead-lettered) stops blocking after this, and the latest earlier snapshot
 * is used.
 */
export const PREDECESSOR_WAIT_MS = 5_000;

/** The chain's predecessor is not stored yet; the job should be delayed briefly, not failed. */
export class PredecessorPendingError extends Error {
  constructor(readonly predecessorSeq: number) {
    super(`waiting for snapshot ${predecessorSeq}`);
    this.name = 'PredecessorPendingError';
  }
}

/**
 * The last snapshot this process stored for each (product, expiry). When it is exactly the chain's
 * predecessor (`prev_seq`), the snapshot changes need no round trip; otherwise the shared cache and then
 * PostgreSQL answer. Bounded: the oldest entry goes when a new expiry would exceed `maxEntries`.
 */
export function createRecentSnapshots(maxEntries = 2_000) {
  const byExpiry = new Map<string, PreviousSnapshot>();
  return {
    get: (product: string, expiry: string) => byExpiry.get(`${product}|${expiry}`),
    remember(product: string, expiry: string, snapshot: PreviousSnapshot) {
      const key = `${product}|${expiry}`;
      byExpiry.delete(key);
      byExpiry.set(key, snapshot);
      if (byExpiry.size > maxEntries) byExpiry.delete(byExpiry.keys().next().value as string);
    },
  };
}
export type RecentSnapshots = ReturnType<typeof createRecentSnapshots>;

async function previousSnapshot(
  deps: ChainProcessorDeps,
  chain: OptionChain,
): Promise<PreviousSnapshot | null> {
  const remembered = deps.recentSnapshots.get(chain.product, chain.expiry);
  if (
    remembered &&
    chain.prev_seq !== undefined &&
    chain.prev_seq !== null &&
    remembered.seq === chain.prev_seq
  ) {
    return remembered;
  }
  const cached = await getSnapshotQuotesBefore(deps.redis, chain.product, chain.expiry, chain.seq);
  if (cached) return cached;
  return getPreviousQuotes(deps.db, { product: chain.product, expiry: chain.expiry, beforeSeq: chain.seq });
}

/**
 * validate → enrich → persist → cache → publish. The event goes out only when this job's insert
 * created the snapshot, so a retried or replayed job has no second effect downstream; the cache write
 * is idempotent (newest seq wins) and is repeated on a duplicate in case the first run died before it.
 */
export async function processChain(
  deps: ChainProcessorDeps,
  data: unknown,
  enqueuedAtMs: number = deps.now().getTime(),
): Promise<ChainOutcome> {
  const chain = parseJobData(ChainJobSchema, data);
  const product = deps.products.get(chain.product);
  if (!product) throw new UnrecoverableError(`product: unknown product ${chain.product}`);

  const previous = await previousSnapshot(deps, chain);
  const expected = chain.prev_seq ?? null;
  if (
    expected !== null &&
    (previous?.seq ?? -1) < expected &&
    deps.now().getTime() - enqueuedAtMs < (deps.predecessorWaitMs ?? PREDECESSOR_WAIT_MS)
  ) {
    throw new PredecessorPendingError(expected);
  }

  const session = await deps.sessionBases.forChain(chain, product);
  let enriched: EnrichedChain;
  try {
    enriched = enrichChain(chain, product, { session, previousSnapshot: previous }, deps.now().toISOString());
  } catch (error) {
    if (isInputError(error)) throw new UnrecoverableError(`invalid chain: ${(error as Error).message}`);
    throw error;
  }
  deps.sessionBases.remember(session, enriched);

  const inserted = await deps.chainWriter.write(enriched);
  deps.recentSnapshots.remember(chain.product, chain.expiry, snapshotQuotesOf(enriched));
  // The cache and the event share one serialization and one round trip.
  await cacheLatestChain(deps.redis, enriched, inserted ? { publishTo: CHANNELS.enrichedChain } : {});
  return { status: inserted ? 'inserted' : 'duplicate', chain: enriched };
}
