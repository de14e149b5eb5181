/**
 * How one live event changes a cached REST response. Plain data in, plain data out: every updater
 * returns the cached value itself when the event is not newer (so TanStack Query sees no change and
 * nothing re-renders), and `undefined` when there is nothing cached to update (a query nobody has
 * fetched yet is left for its REST read). Events are ordered by their timestamp: the gateway may send
 * the cached snapshot after a fresher update, and a reconnect's refetch may answer after live data.
 */
import { updateCandle, type LiveCandle } from '@deltastream/core/analytics';
import type { Candle, EnrichedChain, EnrichedUnderlying } from '@deltastream/core/schemas';
import { maxPainView, oiBuildupView, pcrLatestOf, pcrPointOf } from '../contracts/chain-views';
import type {
  ChainResponse,
  MaxPainResponse,
  OhlcResponse,
  OiBuildupResponse,
  PcrResponse,
  UnderlyingResponse,
} from '../contracts/rest';

const isNewer = (timestamp: string, than: string | undefined) =>
  than === undefined || Date.parse(timestamp) > Date.parse(than);

/**
 * What a chain query keeps when its REST answer arrives: the answer, unless the cache meanwhile got a
 * newer snapshot from the socket.
 */
export function newerChainResponse(cached: ChainResponse | undefined, fetched: ChainResponse): ChainResponse {
  const cachedNewest = cached?.chains[0];
  const fetchedNewest = fetched.chains[0];
  return cached && cachedNewest && fetchedNewest && isNewer(cachedNewest.timestamp, fetchedNewest.timestamp)
    ? cached
    : fetched;
}

/**
 * The chain response of `chain`'s expiry with `chain` as its newest snapshot. Unlike the other
 * updaters this one creates the entry when nothing is cached: subscribing to another expiry brings its
 * cached chain at once, often before the REST read answers.
 */
export function withLiveChain(cached: ChainResponse | undefined, chain: EnrichedChain): ChainResponse {
  if (cached && !isNewer(chain.timestamp, cached.chains[0]?.timestamp)) return cached;
  const kept = Math.max(1, cached?.chains.length ?? 1);
  const chains = [chain, ...(cached?.chains ?? [])].slice(0, kept);
  return { product: chain.product, expiry: chain.expiry, count: chains.length, chains };
}

/** `latest` becomes the tick; the tick list of the REST read is history and stays as it was. */
export function withLiveUnderlying(
  cached: UnderlyingResponse | undefined,
  tick: EnrichedUnderlying,
): UnderlyingResponse | undefined {
  if (!cached || !isNewer(tick.timestamp, cached.latest?.timestamp)) return cached;
  return { ...cached, latest: tick };
}

/**
 * The chain's expiry's latest PCR is replaced, and the trend (of the response's expiry) grows by one point
 * per chain, seeded by the REST history and capped at `maxPoints`.
 */
export function withLivePcr(
  cached: PcrResponse | undefined,
  chain: EnrichedChain,
  maxPoints: number,
): PcrResponse | undefined {
  const current = cached?.latest.find((point) => point.expiry === chain.expiry);
  if (!cached || !current || !isNewer(chain.timestamp, current.timestamp)) return cached;
  return {
    ...cached,
    latest: cached.latest.map((point) => (point === current ? pcrLatestOf(chain) : point)),
    history:
      chain.expiry === cached.expiry
        ? [...cached.history, pcrPointOf(chain)].slice(-maxPoints)
        : cached.history,
  };
}

/** Max pain of the live chain, built as the route builds it (core's one max-pain formula). */
export function withLiveMaxPain(
  cached: MaxPainResponse | undefined,
  chain: EnrichedChain,
): MaxPainResponse | undefined {
  if (!cached || !isNewer(chain.timestamp, cached.timestamp)) return cached;
  return maxPainView(chain);
}

/** The build-up by strike as the worker already classified it on each quote, built as the route builds it. */
export function withLiveOiBuildup(
  cached: OiBuildupResponse | undefined,
  chain: EnrichedChain,
): OiBuildupResponse | undefined {
  if (!cached || !isNewer(chain.timestamp, cached.timestamp)) return cached;
  return oiBuildupView(chain);
}

const isLiveCandle = (candle: Candle): candle is LiveCandle => 'last_tick_ms' in candle;

/**
 * The last candle of an OHLC response folded with a tick by core's `updateCandle` (a tick of a later
 * bucket opens the next candle). A candle read from REST does not say when its first and last ticks
 * were, so both are taken as its bucket start: every live tick is then later and closes it, and its
 * open stays. The candle is kept live (with those times) in the cache for the next tick.
 */
export function withLiveCandle(
  cached: OhlcResponse | undefined,
  tick: EnrichedUnderlying,
  timeZone: string,
  maxCandles: number,
): OhlcResponse | undefined {
  const last = cached?.candles.at(-1);
  if (!cached || !last) return cached;
  const bucketStartMs = Date.parse(last.bucket_start);
  const live = isLiveCandle(last)
    ? last
    : { ...last, first_tick_ms: bucketStartMs, last_tick_ms: bucketStartMs };
  const next = updateCandle(live, tick, timeZone);
  if (next === live) return cached;
  const closed = next.bucket_start === last.bucket_start ? cached.candles.slice(0, -1) : cached.candles;
  return { ...cached, candles: [...closed, next].slice(-maxCandles) };
}
