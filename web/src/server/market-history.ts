/**
 * Time series: ticks, candles and the PCR trend live only in PostgreSQL; the cache adds the newest point
 * where it holds one (the enriched tick with the day's change, the latest PCR).
 */
import { getLatestPcr, getLatestUnderlying } from '@deltastream/bus/cache';
import type { Product } from '@deltastream/core/schemas';
import {
  getAggregatedCandles,
  getCandles,
  getChainHistory,
  getTicks,
  STORED_CANDLE_SECONDS,
  type TimeRange,
} from '@deltastream/db/queries';
import {
  CANDLE_INTERVAL_SECONDS,
  type OhlcResponse,
  type PcrResponse,
  type UnderlyingResponse,
} from '../contracts/rest';
import { pcrLatestOf, pcrPointOf } from '../contracts/chain-views';
import type { WebContext } from './context';
import { AppError } from './errors';
import { noDataForExpiry } from './market-data';

/** What the contract's `start` and `end` parse to: an ISO-8601 instant or epoch milliseconds. */
type Instant = string | number;

/** [start, end) as dates; 400 naming `end` when the range is empty. */
function timeRange(range: { start?: Instant | undefined; end?: Instant | undefined }): TimeRange {
  const start = range.start === undefined ? undefined : new Date(range.start);
  const end = range.end === undefined ? undefined : new Date(range.end);
  if (start && end && end <= start) {
    throw new AppError('VALIDATION_ERROR', 'end: must be after start', { field: 'end' });
  }
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

export async function underlyingHistory(
  ctx: WebContext,
  product: Product,
  query: { start?: Instant | undefined; end?: Instant | undefined; limit: number },
): Promise<UnderlyingResponse> {
  const range = timeRange(query);
  const [latest, newestFirst] = await Promise.all([
    getLatestUnderlying(ctx.redis, product.symbol),
    getTicks(ctx.db, { product: product.symbol, limit: query.limit, ...range }),
  ]);
  return { product: product.symbol, latest, count: newestFirst.length, ticks: newestFirst.reverse() };
}

/** Bars on the product's exchange clock: the stored 1-minute bars, or those rolled up to `interval`. */
export async function candleHistory(
  ctx: WebContext,
  product: Product,
  query: {
    interval: keyof typeof CANDLE_INTERVAL_SECONDS;
    start?: Instant | undefined;
    end?: Instant | undefined;
    limit: number;
  },
): Promise<OhlcResponse> {
  const intervalSeconds = CANDLE_INTERVAL_SECONDS[query.interval];
  const request = { product: product.symbol, limit: query.limit, ...timeRange(query) };
  const candles =
    intervalSeconds === STORED_CANDLE_SECONDS
      ? await getCandles(ctx.db, { ...request, intervalSeconds })
      : await getAggregatedCandles(ctx.db, { ...request, intervalSeconds, timeZone: product.time_zone });
  return { product: product.symbol, interval: query.interval, candles };
}

/** The latest PCR (cached, else the newest stored snapshot's) and the last `historyLimit` points. */
export async function pcrTrend(
  ctx: WebContext,
  product: Product,
  expiry: string,
  historyLimit: number,
): Promise<PcrResponse> {
  const [cached, newestFirst] = await Promise.all([
    getLatestPcr(ctx.redis, product.symbol, expiry),
    getChainHistory(ctx.db, { product: product.symbol, expiry, limit: historyLimit }),
  ]);
  const latest = cached ?? newestFirst[0];
  if (!latest) throw noDataForExpiry(product, expiry);
  return {
    product: product.symbol,
    expiry,
    latest: pcrLatestOf(latest),
    history: newestFirst.reverse().map(pcrPointOf),
  };
}
