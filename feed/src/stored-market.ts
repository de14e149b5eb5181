import { getLatestChains as getCachedChains, getLatestUnderlying } from '@deltastream/bus/cache';
import type { Logger } from '@deltastream/bus/logger';
import { zonedDate } from '@deltastream/core/calendar';
import type { Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { getLatestChains as getStoredChains, getLatestTick } from '@deltastream/db/queries';
import type { StoredChain, StoredMarket, StoredUnderlying } from '@deltastream/simulator/simulator';
import type { Redis } from 'ioredis';

export interface StoredMarketSources {
  /** The cache the worker writes, in the deployment's namespace: the freshest state, for a few minutes. */
  redis: Redis;
  /** PostgreSQL: everything the worker stored, for what the cache no longer holds. */
  db: Db;
  logger: Logger;
}

/** Where each product's starting point came from, for the start-up log. */
export interface StoredMarketOrigin {
  product: string;
  tickFrom: 'cache' | 'database' | 'none';
  chainsFromCache: number;
  chainsFromDatabase: number;
}

/** Runs a read; a source that fails is logged and treated as empty, so the feed starts whatever it finds. */
async function orEmpty<T>(read: () => Promise<T>, empty: T, logger: Logger, what: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    logger.warn({ err: error }, `cannot read ${what}; continuing without it`);
    return empty;
  }
}

/**
 * The stored market a restarted feed continues from (the simulator's `continueFrom`): per product, the
 * latest underlying price and the latest chain of every live expiry, from the cache and, for what the
 * cache has lost (its entries live CACHE_TTL_SECONDS.latest), from PostgreSQL. Of two copies of a chain
 * the one with the higher seq wins. What neither holds starts from the catalogue.
 */
export async function readStoredMarket(
  { redis, db, logger }: StoredMarketSources,
  products: readonly Product[],
  nowMs: number,
): Promise<{ market: StoredMarket; origins: StoredMarketOrigin[] }> {
  const underlying: StoredUnderlying[] = [];
  const chains: StoredChain[] = [];
  const origins: StoredMarketOrigin[] = [];
  for (const product of products) {
    const { symbol } = product;
    const today = zonedDate(nowMs, product.time_zone);
    const [cachedTick, cachedChains] = await Promise.all([
      orEmpty(() => getLatestUnderlying(redis, symbol), null, logger, `the cached ${symbol} tick`),
      orEmpty(() => getCachedChains(redis, symbol, today), [], logger, `the cached ${symbol} chains`),
    ]);
    const [storedTick, storedChains] = await Promise.all([
      cachedTick ? null : orEmpty(() => getLatestTick(db, symbol), null, logger, `the stored ${symbol} tick`),
      orEmpty(() => getStoredChains(db, symbol), [], logger, `the stored ${symbol} chains`),
    ]);
    const tick = cachedTick ?? storedTick;
    if (tick) underlying.push(tick);
    const byExpiry = new Map<string, { chain: StoredChain & { seq: number }; cached: boolean }>();
    for (const chain of storedChains) byExpiry.set(chain.expiry, { chain, cached: false });
    for (const chain of cachedChains) {
      const stored = byExpiry.get(chain.expiry);
      if (!stored || stored.chain.seq <= chain.seq) byExpiry.set(chain.expiry, { chain, cached: true });
    }
    const kept = [...byExpiry.values()].filter(({ chain }) => chain.expiry >= today);
    chains.push(...kept.map(({ chain }) => chain));
    origins.push({
      product: symbol,
      tickFrom: cachedTick ? 'cache' : storedTick ? 'database' : 'none',
      chainsFromCache: kept.filter((entry) => entry.cached).length,
      chainsFromDatabase: kept.filter((entry) => !entry.cached).length,
    });
  }
  return { market: { underlying, chains }, origins };
}
