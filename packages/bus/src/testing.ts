import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  contractBaseOf,
  enrichChain,
  indexContractBases,
  type ContractBaseEntry,
} from '@deltastream/core/analytics';
import { zonedDate, zonedWallTimeToUtcMs } from '@deltastream/core/calendar';
import type { EnrichedChain, OptionChain, Product } from '@deltastream/core/schemas';
import { snapshotQuotesOf } from './cache';
import { scanKeys } from './redis';

/**
 * A Redis namespace (REDIS_PREFIX) no other test run or deployment uses: a test that creates its
 * connections and queues in it never touches the keys, channels or queues of a platform running on the
 * same Redis, nor those of a test running in parallel.
 */
export function testRedisPrefix(label = 'test'): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key of the connection's namespace (a test's clean-up). */
export async function deleteNamespace(redis: Redis): Promise<void> {
  const keys = await scanKeys(redis, '*');
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
}

/**
 * Enriches chains in order as the worker does: the snapshot changes against the chain before of the same
 * expiry, the session's changes against what the worker would find stored (each contract's last quote
 * before the session's local midnight, or after a fresh start its first quote of the session).
 */
export function enrichInOrder(product: Product, chains: readonly OptionChain[]): EnrichedChain[] {
  const enriched: EnrichedChain[] = [];
  for (const chain of chains) {
    const session = zonedDate(Date.parse(chain.timestamp), product.time_zone);
    const startMs = zonedWallTimeToUtcMs(session, '00:00', product.time_zone);
    const before = enriched.filter((earlier) => Date.parse(earlier.timestamp) < startMs);
    const sameExpiry = (earlier: EnrichedChain) => earlier.expiry === chain.expiry;
    // Later entries overwrite earlier ones: oldest first leaves each contract's last quote before the
    // session, newest first (nothing before it) its first quote in it.
    const history = before.length > 0 ? before.filter(sameExpiry) : enriched.filter(sameExpiry).reverse();
    const contracts = new Map<string, ContractBaseEntry>();
    for (const earlier of history) {
      for (const quote of [...earlier.calls, ...earlier.puts])
        contracts.set(`${quote.option_type}:${quote.strike}`, contractBaseOf(quote));
    }
    const previous = enriched.findLast(sameExpiry);
    enriched.push(
      enrichChain(
        chain,
        product,
        {
          session: {
            basis: before.length > 0 ? 'previous_close' : 'session_first',
            contracts: indexContractBases([...contracts.values()]),
          },
          previousSnapshot: previous ? snapshotQuotesOf(previous) : null,
        },
        chain.timestamp,
      ),
    );
  }
  return enriched;
}
