import type { Redis } from 'ioredis';
import { contractBaseOf } from '@deltastream/core/analytics';
import {
  EnrichedChainSchema,
  EnrichedUnderlyingSchema,
  type EnrichedChain,
  type EnrichedUnderlying,
} from '@deltastream/core/schemas';
import { z } from 'zod';
import type { ChannelName } from './channels';
import { channelName, redisScript, runScript } from './redis';

/**
 * Cache keys (original DeltaStream names where they existed), under the connection's namespace (ioredis
 * keyPrefix, see createRedis). Every key carries a TTL.
 */
export const CACHE_KEYS = {
  latestUnderlying: (product: string) => `latest:underlying:${product}`,
  latestChain: (product: string, expiry: string) => `latest:chain:${product}:${expiry}`,
  latestPcr: (product: string, expiry: string) => `latest:pcr:${product}:${expiry}`,
  /** Compact per-contract OI and premium of the latest chain: the base of the next chain's snapshot changes. */
  latestQuotes: (product: string, expiry: string) => `latest:quotes:${product}:${expiry}`,
  /** Sorted set of the expiries with a cached chain, scored by the expiry date as YYYYMMDD. */
  chainExpiries: (product: string) => `latest:chain-expiries:${product}`,
  /** First price of the product's trading day, the base of the day's change. */
  sessionOpen: (product: string, date: string) => `session:open:${product}:${date}`,
  /** An API token's owner and scopes by the token's hash, so a request needs no database round trip. */
  apiToken: (tokenHash: string) => `auth:api-token:${tokenHash}`,
  /**
   * Hash `<kind>:<product>` → when the feed enqueued the newest tick or chain the workers have processed
   * (epoch ms): the base of the data age every tier can read (pipeline-health.ts).
   */
  dataFreshness: () => 'pipeline:data-freshness',
} as const;

/**
 * Where the hash of a revoked API token is published, so processes holding its lookup drop it and gateways
 * drop its sockets (in the namespace: `channelName`). Only `@deltastream/auth/api-token-lookup` publishes and subscribes it.
 */
export const API_TOKEN_REVOKED_CHANNEL = 'auth:api-token-revoked';

export const CACHE_TTL_SECONDS = {
  latest: 300,
  sessionOpen: 36 * 3600,
  /** Bounds how long a token's cached owner lives; revoking deletes the entry at once. */
  apiToken: 60,
  /**
   * Renewed at every write: a week without any worker lets the key go, and with it ages that would only
   * say "a week or more".
   */
  dataFreshness: 7 * 24 * 3600,
} as const;

export const CachedPcrSchema = z.object({
  pcr_oi: z.number().nullable(),
  pcr_volume: z.number().nullable(),
  total_call_oi: z.number(),
  total_put_oi: z.number(),
  timestamp: z.string(),
  seq: z.number().int(),
});
export type CachedPcr = z.infer<typeof CachedPcrSchema>;

/**
 * Writes `payload` under `KEYS[1]` only when `seq` is newer than the stored one, so a late or
 * retried job can never overwrite fresher data. The value is a hash {seq, payload}. Returns 1 when
 * written.
 */
const SET_IF_NEWER = `
local current = redis.call('HGET', KEYS[1], 'seq')
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'payload', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

async function getPayload<T>(redis: Redis, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const raw = await redis.hget(key, 'payload');
  if (raw === null) return null;
  const parsed = schema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

function expiryScore(expiry: string): number {
  return Number(expiry.replaceAll('-', ''));
}

/**
 * One round trip for everything a new chain changes in Redis. When the chain is newer than the cached
 * one: the chain (KEYS[1]), its compact per-strike quotes (KEYS[2]), its PCR (KEYS[3]) and its expiry in
 * the product's index (KEYS[4]), all with the TTL. Then, when ARGV[8] names a channel, the chain is
 * published there whatever its age: every stored snapshot is an event. Returns 1 when the cache moved.
 */
const CACHE_CHAIN = redisScript(`
local written = 0
local current = redis.call('HGET', KEYS[1], 'seq')
if not current or tonumber(current) < tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'payload', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  redis.call('HSET', KEYS[2], 'seq', ARGV[1], 'payload', ARGV[3])
  redis.call('EXPIRE', KEYS[2], ARGV[5])
  redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[5])
  redis.call('ZADD', KEYS[4], ARGV[7], ARGV[6])
  redis.call('EXPIRE', KEYS[4], ARGV[5])
  written = 1
end
if ARGV[8] ~= '' then redis.call('PUBLISH', ARGV[8], ARGV[2]) end
return written
`);

export interface CacheChainOptions {
  /** The chain's JSON text when the caller already has it (it is sent as is). */
  serialized?: string;
  /** Also publish the chain on this channel, in the same round trip. */
  publishTo?: ChannelName;
}

/** Caches the latest chain, its PCR and its expiry index; returns false when a newer one is cached. */
export async function cacheLatestChain(
  redis: Redis,
  chain: EnrichedChain,
  { serialized = JSON.stringify(chain), publishTo }: CacheChainOptions = {},
): Promise<boolean> {
  const pcr: CachedPcr = {
    pcr_oi: chain.pcr_oi,
    pcr_volume: chain.pcr_volume,
    total_call_oi: chain.total_call_oi,
    total_put_oi: chain.total_put_oi,
    timestamp: chain.timestamp,
    seq: chain.seq,
  };
  const written = await runScript(
    redis,
    CACHE_CHAIN,
    [
      CACHE_KEYS.latestChain(chain.product, chain.expiry),
      CACHE_KEYS.latestQuotes(chain.product, chain.expiry),
      CACHE_KEYS.latestPcr(chain.product, chain.expiry),
      CACHE_KEYS.chainExpiries(chain.product),
    ],
    [
      chain.seq,
      serialized,
      JSON.stringify(snapshotQuotesOf(chain)),
      JSON.stringify(pcr),
      CACHE_TTL_SECONDS.latest,
      chain.expiry,
      expiryScore(chain.expiry),
      publishTo === undefined ? '' : channelName(redis, publishTo),
    ],
  );
  return written === 1;
}

/** Per-contract open interest and premium of a chain snapshot, as compact as the worker needs them. */
export const SnapshotQuotesSchema = z.object({
  seq: z.number().int().nonnegative(),
  quotes: z.array(
    z.object({
      option_type: z.enum(['CALL', 'PUT']),
      strike: z.number(),
      open_interest: z.number(),
      premium: z.number(),
    }),
  ),
});
export type SnapshotQuotes = z.infer<typeof SnapshotQuotesSchema>;

export function snapshotQuotesOf(chain: EnrichedChain): SnapshotQuotes {
  return { seq: chain.seq, quotes: [...chain.calls.map(contractBaseOf), ...chain.puts.map(contractBaseOf)] };
}

/**
 * The cached per-contract state of the latest chain of (product, expiry) — only when it is older than
 * `beforeSeq`, so a late or retried job never measures a snapshot change against a later snapshot. An
 * entry of an older shape reads as none (it lives one TTL at most).
 */
export async function getSnapshotQuotesBefore(
  redis: Redis,
  product: string,
  expiry: string,
  beforeSeq: number,
): Promise<SnapshotQuotes | null> {
  const cached = await getPayload(redis, CACHE_KEYS.latestQuotes(product, expiry), SnapshotQuotesSchema);
  return cached && cached.seq < beforeSeq ? cached : null;
}

/**
 * Caches the newest of `ticks` (one product) and publishes every one of them on `channel`, in one
 * pipelined round trip: a batch of ticks costs the worker one wait on Redis, not one per tick.
 */
export async function cacheAndPublishTicks(
  redis: Redis,
  ticks: readonly EnrichedUnderlying[],
  channel: ChannelName,
): Promise<void> {
  if (ticks.length === 0) return;
  const latest = ticks.reduce((a, b) => (b.tick_id > a.tick_id ? b : a));
  const pipeline = redis.pipeline();
  pipeline.eval(
    SET_IF_NEWER,
    1,
    CACHE_KEYS.latestUnderlying(latest.product),
    latest.tick_id,
    JSON.stringify(latest),
    CACHE_TTL_SECONDS.latest,
  );
  const name = channelName(redis, channel);
  for (const tick of ticks) pipeline.publish(name, JSON.stringify(tick));
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}

export function getLatestUnderlying(redis: Redis, product: string): Promise<EnrichedUnderlying | null> {
  return getPayload(redis, CACHE_KEYS.latestUnderlying(product), EnrichedUnderlyingSchema);
}

export function getLatestChain(redis: Redis, product: string, expiry: string): Promise<EnrichedChain | null> {
  return getPayload(redis, CACHE_KEYS.latestChain(product, expiry), EnrichedChainSchema);
}

/** Null when nothing is cached, or an entry of an older shape is (it lives one TTL at most). */
export async function getLatestPcr(redis: Redis, product: string, expiry: string): Promise<CachedPcr | null> {
  const raw = await redis.get(CACHE_KEYS.latestPcr(product, expiry));
  if (raw === null) return null;
  const parsed = CachedPcrSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/**
 * The cached chain of one expiry as the worker wrote it, read only when it differs from the copy the
 * caller holds: the common answer is the small `seq` alone, so a reader serving the same chain many
 * times a second moves its tens of kilobytes out of Redis once per snapshot.
 */
export async function getLatestChainPayloadIfChanged(
  redis: Redis,
  product: string,
  expiry: string,
  heldSeq: number | null,
): Promise<{ seq: number; payload: string | null } | null> {
  const key = CACHE_KEYS.latestChain(product, expiry);
  const seq = await redis.hget(key, 'seq');
  if (seq === null) return null;
  if (heldSeq !== null && Number(seq) === heldSeq) return { seq: heldSeq, payload: null };
  const [currentSeq, payload] = await redis.hmget(key, 'seq', 'payload');
  if (currentSeq == null || payload == null) return null;
  return { seq: Number(currentSeq), payload };
}

/** Expiries with a cached chain that have not expired by `today` (YYYY-MM-DD), ascending. */
export function getCachedExpiries(redis: Redis, product: string, today: string): Promise<string[]> {
  return redis.zrangebyscore(CACHE_KEYS.chainExpiries(product), expiryScore(today), '+inf');
}

/** The latest cached chain of every live expiry of `product`. */
export async function getLatestChains(
  redis: Redis,
  product: string,
  today: string,
): Promise<EnrichedChain[]> {
  const expiries = await getCachedExpiries(redis, product, today);
  const chains = await Promise.all(expiries.map((expiry) => getLatestChain(redis, product, expiry)));
  return chains.filter((chain): chain is EnrichedChain => chain !== null);
}

/**
 * The session's opening price: the first caller of the day sets it (SET NX), everyone else reads it,
 * so every worker computes the day's change from the same base.
 */
export async function sessionOpenPrice(
  redis: Redis,
  product: string,
  date: string,
  price: number,
): Promise<number> {
  const key = CACHE_KEYS.sessionOpen(product, date);
  const [, stored] = (await redis
    .multi()
    .set(key, String(price), 'EX', CACHE_TTL_SECONDS.sessionOpen, 'NX')
    .get(key)
    .exec()) as [[null, unknown], [null, string | null]];
  return stored[1] === null ? price : Number(stored[1]);
}
