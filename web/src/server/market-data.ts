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
  getLatestChainPayloads,
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
 * The cached chains of the nearest `limit` live expiries as the worker serialized them. An expiry can
 * outlive its chain in the index (the index's TTL is refreshed by every expiry's writes), so gaps are
 * skipped and filled from the next expiries.
 */
async function cachedChainTexts(ctx: WebContext, product: Product, limit: number): Promise<string[]> {
  const expiries = await getCachedExpiries(ctx.redis, product.symbol, exchangeToday(product));
  const texts: string[] = [];
  for (let next = 0; texts.length < limit && next < expiries.length;) {
    const batch = expiries.slice(next, next + limit - texts.length);
    next += batch.length;
    for (const text of await getLatestChainPayloads(ctx.redis, product.symbol, batch)) {
      if (text !== null) texts.push(text);
    }
  }
  return texts;
}

/**
 * The latest chain of each product and expiry this process has served: its `seq`, its text, and the
 * encoded body of the single-expiry response, built on first use.
 */
interface HeldChain {
  seq: number;
  text: string;
  body?: Uint8Array<ArrayBuffer>;
}
const heldChains = new Map<string, HeldChain>();
/** Bounds the copies to a few catalogues' worth of live expiries. */
const MAX_HELD_CHAINS = 1000;
const utf8 = new TextEncoder();

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
  if (!held && heldChains.size >= MAX_HELD_CHAINS) heldChains.clear();
  const fresh = { seq: latest.seq, text: latest.payload };
  heldChains.set(key, fresh);
  return fresh;
}

function chainEnvelope(product: string, expiry: string | null, texts: readonly string[]): string {
  return `{"product":${JSON.stringify(product)},"expiry":${JSON.stringify(expiry)},"count":${texts.length},"chains":[${texts.join(',')}]}`;
}

/**
 * The body of `GET /api/data/chain`, UTF-8 encoded. The hottest request (one expiry's latest chain) is
 * encoded once per snapshot and reused, since encoding tens of kilobytes per request is most of its cost.
 */
export async function chainResponseBody(
  ctx: WebContext,
  product: Product,
  query: { expiry?: string | undefined; limit: number },
): Promise<Uint8Array<ArrayBuffer>> {
  if (query.expiry !== undefined && query.limit === 1) {
    const held = await latestHeldChain(ctx, product.symbol, query.expiry);
    if (held) return (held.body ??= utf8.encode(chainEnvelope(product.symbol, query.expiry, [held.text])));
  }
  return utf8.encode(
    chainEnvelope(product.symbol, query.expiry ?? null, await chainTexts(ctx, product, query)),
  );
}

/**
 * Chains as JSON text, for `GET /api/data/chain`: without `expiry` the latest chain of each of the
 * nearest `limit` live expiries; with it, that expiry's newest `limit` snapshots, newest first (404
 * naming `expiry` when it has none). Cached chains are passed through as the text the worker wrote.
 */
async function chainTexts(
  ctx: WebContext,
  product: Product,
  query: { expiry?: string | undefined; limit: number },
): Promise<string[]> {
  const { expiry, limit } = query;
  if (expiry === undefined) {
    const cached = await cachedChainTexts(ctx, product, limit);
    if (cached.length > 0) return cached;
    return (await getStoredChains(ctx.db, product.symbol))
      .slice(0, limit)
      .map((chain) => JSON.stringify(chain));
  }
  // The cache holds one snapshot per expiry; older ones are only in PostgreSQL.
  if (limit === 1) {
    const cached = await latestHeldChain(ctx, product.symbol, expiry);
    if (cached) return [cached.text];
  }
  const stored = await getRecentChains(ctx.db, { product: product.symbol, expiry, limit });
  if (stored.length === 0) throw noDataForExpiry(product, expiry);
  return stored.map((chain) => JSON.stringify(chain));
}
