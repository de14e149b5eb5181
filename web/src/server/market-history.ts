/**
 * Time series: ticks, candles and the PCR trend live only in PostgreSQL; the cache adds the newest point
 * where it holds one (the enriched tick with the day's change, the latest PCR).
 */
import { getLatestPcr, getLatestUnderlying } from '@deltastream/bus/cache';
import type { Product } from '@deltastream/core/schemas';
import {
  getAggregatedCandles,
  getCandlePages,
  getCandles,
  getChainHistory,
  getChainHistoryPages,
  getTickPages,
  getTickRangeBar,
  getTicks,
  STORED_CANDLE_SECONDS,
  type TimeRange,
} from '@deltastream/db/queries';
import {
  CANDLE_INTERVAL_SECONDS,
  type OhlcResponse,
  type PcrResponse,
  type UnderlyingResponse,
  type WindowOhlcResponse,
} from '../contracts/rest';
import { pcrLatestOf, pcrPointOf } from '../contracts/chain-views';
import type { Candle, UnderlyingTick } from '@deltastream/core/schemas';
import type { WebContext } from './context';
import { mapPages } from './csv';
import { AppError } from './errors';
import { liveExpiries, noDataForExpiry, noLiveExpiry } from './market-data';

/** What the contract's `start` and `end` parse to: an ISO-8601 instant or epoch milliseconds. */
type Instant = string | number;

/** How the routes whose range `timeRange` reads document `start` and `end` (OpenAPI parameter notes). */
export const TIME_RANGE_NOTES = { start: 'Inclusive.', end: 'Exclusive; must be after start.' };

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

/** The ticks underlyingHistory answers, oldest first, read from PostgreSQL page by page (CSV exports). */
export function underlyingTickPages(
  ctx: WebContext,
  product: Product,
  query: { start?: Instant | undefined; end?: Instant | undefined; limit: number },
): AsyncGenerator<UnderlyingTick[]> {
  return getTickPages(ctx.db, { product: product.symbol, limit: query.limit, ...timeRange(query) });
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

/**
 * The bars candleHistory answers, for CSV exports: stored 1-minute bars page by page; rolled-up ones in
 * one page, as PostgreSQL aggregates them (at most LIST_LIMITS.candles bars).
 */
export async function candlePages(
  ctx: WebContext,
  product: Product,
  query: Parameters<typeof candleHistory>[2],
): Promise<AsyncIterable<Candle[]> | Candle[][]> {
  const intervalSeconds = CANDLE_INTERVAL_SECONDS[query.interval];
  if (intervalSeconds === STORED_CANDLE_SECONDS) {
    return getCandlePages(ctx.db, {
      product: product.symbol,
      intervalSeconds,
      limit: query.limit,
      ...timeRange(query),
    });
  }
  return [(await candleHistory(ctx, product, query)).candles];
}

/**
 * The original API's OHLC: one bar over every tick of the last `windowMinutes` up to now (a trailing
 * window, not a clock-aligned candle); 404 naming `window` when it holds no tick.
 */
export async function windowOhlc(
  ctx: WebContext,
  product: Product,
  windowMinutes: number,
  nowMs: number = Date.now(),
): Promise<WindowOhlcResponse> {
  const bar = await getTickRangeBar(ctx.db, {
    product: product.symbol,
    start: new Date(nowMs - windowMinutes * 60_000),
  });
  if (!bar) {
    throw new AppError('NOT_FOUND', `no ${product.symbol} tick in the last ${windowMinutes} minutes`, {
      field: 'window',
    });
  }
  return {
    product: product.symbol,
    window_minutes: windowMinutes,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    start_time: bar.firstTickAt,
    end_time: bar.lastTickAt,
    num_ticks: bar.ticks,
  };
}

/** The latest PCR of one expiry: cached, else the newest stored snapshot's; null without data. */
async function latestPcr(ctx: WebContext, product: Product, expiry: string) {
  const cached = await getLatestPcr(ctx.redis, product.symbol, expiry);
  if (cached) return pcrLatestOf({ ...cached, expiry });
  const [stored] = await getChainHistory(ctx.db, { product: product.symbol, expiry, limit: 1 });
  return stored ? pcrLatestOf({ ...stored, expiry }) : null;
}

/**
 * The latest PCR of the expiry asked for, or of every live expiry with data (nearest first), and the
 * expiry of the trend: the first of them; 404 when there is no data.
 */
async function latestPcrs(ctx: WebContext, product: Product, expiry: string | undefined) {
  const expiries = expiry === undefined ? await liveExpiries(ctx, product) : [expiry];
  const latest = (await Promise.all(expiries.map((each) => latestPcr(ctx, product, each)))).filter(
    (point) => point !== null,
  );
  const trendExpiry = latest[0]?.expiry;
  if (trendExpiry === undefined) {
    throw expiry === undefined ? noLiveExpiry(product) : noDataForExpiry(product, expiry);
  }
  return { latest, trendExpiry };
}

/**
 * The latest PCR of the expiry asked for, or of every live expiry (nearest first), and the last
 * `history` points of the trend of that expiry or the nearest; 404 when there is no data.
 */
export async function pcrTrend(
  ctx: WebContext,
  product: Product,
  query: { expiry?: string | undefined; history: number },
): Promise<PcrResponse> {
  const { latest, trendExpiry } = await latestPcrs(ctx, product, query.expiry);
  const newestFirst =
    query.history > 0
      ? await getChainHistory(ctx.db, { product: product.symbol, expiry: trendExpiry, limit: query.history })
      : [];
  return {
    product: product.symbol,
    expiry: trendExpiry,
    latest,
    history: newestFirst.reverse().map(pcrPointOf),
  };
}

/**
 * The trend pcrTrend answers as CSV rows (each with its expiry), oldest first, read from PostgreSQL page
 * by page once the expiry is known (so a 404 comes before any byte is sent).
 */
export async function pcrTrendPages(
  ctx: WebContext,
  product: Product,
  query: { expiry?: string | undefined; history: number },
): Promise<AsyncGenerator<(PcrResponse['history'][number] & { expiry: string })[]>> {
  const { trendExpiry: expiry } = await latestPcrs(ctx, product, query.expiry);
  const pages = getChainHistoryPages(ctx.db, { product: product.symbol, expiry, limit: query.history });
  return mapPages(pages, (point) => ({ expiry, ...pcrPointOf(point) }));
}
