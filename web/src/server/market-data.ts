/**
 * The latest market state the REST routes serve. The worker writes PostgreSQL first and then the Redis
 * cache, whose keys expire five minutes after the last write (CACHE_TTL_SECONDS.latest): a cached entry is
 * therefore fresh, and a missing one means the cache is cold (a restart, a flushed Redis, a quiet product),
 * so the same answer is rebuilt from PostgreSQL.
 */
import {
  getCachedExpiries,
  getLatestChain as getCachedChain,
  getLatestChainPayloadIfChanged,
  getLatestChains as getCachedChains,
} from '@deltastream/bus/cache';
import { zonedDate } from '@deltastream/core/calendar';
import type { EnrichedChain, Product } from '@deltastream/core/schemas';
import {
  getLatestChain as getStoredChain,
  getLatestChains as getStoredChains,
  getRecentChains,
  listExpiries,
} from '@deltastream/db/queries';
import type { WebContext } from './context';
import { AppError } from './errors';

/** Today on the product's exchange calendar, the one its expiry dates are written in. */
function exchangeToday(product: Product, nowMs: number = Date.now()): string {
  return zonedDate(nowMs, product.time_zone);
}

export function noDataForExpiry(product: Product, expiry: string): AppError {
  return new AppError('NOT_FOUND', `no ${product.symbol} chain for expiry ${expiry}`, { field: 'expiry' });
}

export function noLiveExpiry(product: Product): AppError {
  return new AppError('NOT_FOUND', `${product.symbol} has no live expiry with data`, { field: 'expiry' });
}

/** Expiries from today on with a chain, nearest first: the cache's index, else the stored snapshots. */
export async function liveExpiries(ctx: WebContext, product: Product): Promise<string[]> {
  const today = exchangeToday(product);
  const cached = await getCachedExpiries(ctx.redis, product.symbol, today);
  if (cached.length > 0) return cached;
  return (await listExpiries(ctx.db, product.symbol)).filter((expiry) => expiry >= today);
}

/** The expiry asked for, or the nearest live one; 404 naming `expiry` when the product has none. */
export async function resolveExpiry(
  ctx: WebContext,
  product: Product,
  expiry: string | undefined,
): Promise<string> {
  if (expiry !== undefined) return expiry;
  const [nearest] = await liveExpiries(ctx, product);
  if (nearest === undefined) throw noLiveExpiry(product);
  return nearest;
}

/** The latest enriched chain of one expiry; 404 naming `expiry` when there is none. */
export async function latestChain(ctx: WebContext, product: Product, expiry: string): Promise<EnrichedChain> {
  const chain =
    (await getCachedChain(ctx.redis, product.symbol, expiry)) ??
    (await getStoredChain(ctx.db, { product: product.symbol, expiry }));
  if (!chain) throw noDataForExpiry(product, expiry);
  return chain;
}

/** The latest chain of every live expiry, nearest first (empty when the product has none). */
export async function liveChains(ctx: WebContext, product: Product): Promise<EnrichedChain[]> {
  const cached = await getCachedChains(ctx.redis, product.symbol, exchangeToday(product));
  return cached.length > 0 ? cached : getStoredChains(ctx.db, product.symbol);
}

/**
 * The latest chain of one product and expiry as this process last served it: its `seq` and the JSON text
 * the worker wrote. Replaced, never mutated, when Redis holds a newer snapshot, so its identity names it.
 */
interface HeldChain {
  seq: number;
  text: string;
}
const heldChains = new Map<string, HeldChain>();

/** A response body encoded from some held chains, reused while those are still the latest. */
interface HeldBody {
  chains: readonly HeldChain[];
  body: Uint8Array<ArrayBuffer>;
}
const heldBodies = new Map<string, HeldBody>();

/** Bounds the copies to a few catalogues' worth of live expiries and request shapes. */
const MAX_HELD_ENTRIES = 1000;
const utf8 = new TextEncoder();

function hold<V>(map: Map<string, V>, key: string, value: V): V {
  if (!map.has(key) && map.size >= MAX_HELD_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/**
 * The cached chain of one expiry, never staler than Redis: the copy held here is reused while Redis holds
 * the same `seq`, so the payload crosses the wire once per snapshot instead of once per request.
 */
async function latestHeldChain(ctx: WebContext, product: string, expiry: string): Promise<HeldChain | null> {
  const key = `${product}|${expiry}`;
  const held = heldChains.get(key);
  const latest = await getLatestChainPayloadIfChanged(ctx.redis, product, expiry, held?.seq ?? null);
  if (!latest) return null;
  if (latest.payload === null) return held ?? null;
  return hold(heldChains, key, { seq: latest.seq, text: latest.payload });
}

/**
 * How long the chain route reuses a product's index of cached expiries. An expiry is listed once a day at
 * most, and one whose chain has left the cache is skipped whatever the index says, so re-reading it once a
 * second instead of on every request only delays a newly listed expiry by up to a second.
 */
const EXPIRY_INDEX_REUSE_MS = 1000;
const heldExpiryIndexes = new Map<string, { readAtMs: number; expiries: Promise<string[]> }>();

function recentExpiryIndex(ctx: WebContext, product: Product): Promise<string[]> {
  const today = exchangeToday(product);
  const key = `${product.symbol}|${today}`;
  const held = heldExpiryIndexes.get(key);
  if (held && Date.now() - held.readAtMs < EXPIRY_INDEX_REUSE_MS) return held.expiries;
  const expiries = getCachedExpiries(ctx.redis, product.symbol, today);
  hold(heldExpiryIndexes, key, { readAtMs: Date.now(), expiries });
  // A failed read is not reused.
  expiries.catch(() => {
    if (heldExpiryIndexes.get(key)?.expiries === expiries) heldExpiryIndexes.delete(key);
  });
  return expiries;
}

/**
 * The cached chains of the nearest `limit` live expiries. An expiry can outlive its chain in the index
 * (the index's TTL is refreshed by every expiry's writes), so gaps are skipped and filled from the next
 * expiries. The `seq` reads of one batch go to Redis together (auto-pipelining).
 */
async function nearestHeldChains(ctx: WebContext, product: Product, limit: number): Promise<HeldChain[]> {
  const expiries = await recentExpiryIndex(ctx, product);
  const chains: HeldChain[] = [];
  for (let next = 0; chains.length < limit && next < expiries.length;) {
    const batch = expiries.slice(next, next + limit - chains.length);
    next += batch.length;
    const found = await Promise.all(batch.map((expiry) => latestHeldChain(ctx, product.symbol, expiry)));
    for (const chain of found) if (chain !== null) chains.push(chain);
  }
  return chains;
}

function chainEnvelope(product: string, expiry: string | null, texts: readonly string[]): string {
  return `{"product":${JSON.stringify(product)},"expiry":${JSON.stringify(expiry)},"count":${texts.length},"chains":[${texts.join(',')}]}`;
}

/**
 * The response for `shape` built from held chains, encoded once while the same snapshots are the latest:
 * encoding tens of kilobytes per request would be most of the request's cost.
 */
function heldEnvelope(
  shape: string,
  product: string,
  expiry: string | null,
  chains: readonly HeldChain[],
): Uint8Array<ArrayBuffer> {
  const held = heldBodies.get(shape);
  if (held && held.chains.length === chains.length && held.chains.every((chain, i) => chain === chains[i])) {
    return held.body;
  }
  const body = utf8.encode(
    chainEnvelope(
      product,
      expiry,
      chains.map((chain) => chain.text),
    ),
  );
  return hold(heldBodies, shape, { chains, body }).body;
}

/**
 * The body of `GET /api/data/chain`, UTF-8 encoded. Without `expiry`: the latest chain of each of the
 * nearest `limit` live expiries. With it: that expiry's newest `limit` snapshots, newest first (404 naming
 * `expiry` when it has none). Latest chains come from the cache as the text the worker wrote, never
 * parsed and re-serialized; older snapshots and a cold cache are read from PostgreSQL.
 */
export async function chainResponseBody(
  ctx: WebContext,
  product: Product,
  query: { expiry?: string | undefined; limit: number },
): Promise<Uint8Array<ArrayBuffer>> {
  const { expiry, limit } = query;
  const shape = `${product.symbol}|${expiry ?? '*'}|${limit}`;
  if (expiry === undefined) {
    const cached = await nearestHeldChains(ctx, product, limit);
    if (cached.length > 0) return heldEnvelope(shape, product.symbol, null, cached);
    const stored = (await getStoredChains(ctx.db, product.symbol)).slice(0, limit);
    return encodeChains(product.symbol, null, stored);
  }
  // The cache holds one snapshot per expiry; older ones are only in PostgreSQL.
  if (limit === 1) {
    const cached = await latestHeldChain(ctx, product.symbol, expiry);
    if (cached) return heldEnvelope(shape, product.symbol, expiry, [cached]);
  }
  const stored = await getRecentChains(ctx.db, { product: product.symbol, expiry, limit });
  if (stored.length === 0) throw noDataForExpiry(product, expiry);
  return encodeChains(product.symbol, expiry, stored);
}

function encodeChains(
  product: string,
  expiry: string | null,
  chains: readonly EnrichedChain[],
): Uint8Array<ArrayBuffer> {
  return utf8.encode(
    chainEnvelope(
      product,
      expiry,
      chains.map((chain) => JSON.stringify(chain)),
    ),
  );
}
