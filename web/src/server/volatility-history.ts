/**
 * The volatility history the REST routes serve: stored series (packages/db) read over a range on the
 * product's exchange calendar, and the measures computed from them with packages/core's functions.
 * The current IV is that of the latest stored day that has a 30-day IV: the worker rewrites today's
 * point every minute while chains arrive, so it is live during the session and the last close after it.
 */
import { zonedDate } from '@deltastream/core/calendar';
import type { DailyIvPoint, IntradayIvPoint, Product, TermStructurePoint } from '@deltastream/core/schemas';
import {
  atmTermStructure,
  compareTermStructures,
  IV_RV_SPREAD_WINDOW_DAYS,
  ivRankAndPercentile,
  ivRvSpreadPoints,
  latestRealisedVol,
  realisedVolSeries,
} from '@deltastream/core/volatility';
import {
  getChainAtmIvsAt,
  getDailyCandles,
  getDailyIvPages,
  getDailyIvPoints,
  getIntradayIvPages,
  getIntradayIvPoints,
  getIvLookback,
  getLatestDailyIv30dPoint,
  hasDailyIvHistory,
} from '@deltastream/db/queries';
import type {
  CurrentIvRank,
  IvHistoryPoint,
  IvHistoryQuery,
  IvHistoryResponse,
  RealizedVolQuery,
  RealizedVolResponse,
  TermStructureResponse,
  TermStructureSnapshot,
} from '../contracts/volatility-history';
import type { WebContext } from './context';
import { mapPages } from './csv';
import { exchangeDateRange, exchangeTimeRange } from './exchange-range';

const DAY_MS = 86_400_000;

/**
 * IV rank and IV percentile of the current 30-day IV (`current`, the latest day that has one) over the
 * `lookbackDays` days before it.
 */
async function currentIvRank(
  ctx: WebContext,
  product: Product,
  current: DailyIvPoint | null,
  lookbackDays: number,
): Promise<CurrentIvRank> {
  if (current === null || current.iv_30d === null) {
    const stored = await hasDailyIvHistory(ctx.db, product.symbol);
    return {
      date: null,
      source: null,
      lookback_days: lookbackDays,
      current_iv: null,
      history_days: 0,
      low_iv: null,
      high_iv: null,
      iv_rank: null,
      iv_percentile: null,
      reason: stored ? 'no_current_iv' : 'no_history',
    };
  }
  const history = await getIvLookback(ctx.db, {
    product: product.symbol,
    beforeDate: current.date,
    days: lookbackDays,
  });
  return {
    date: current.date,
    source: current.source,
    lookback_days: lookbackDays,
    ...ivRankAndPercentile(history, current.iv_30d, { lookbackDays }),
  };
}

/** A stored day as a point of the series: its close, without a minute. */
const dayPoint = ({ date, ...levels }: DailyIvPoint): IvHistoryPoint => ({
  date,
  bucket_start: null,
  ...levels,
});

/** A stored minute as a point of the series, dated on the exchange calendar. */
const minutePoint =
  (timeZone: string) =>
  (minute: IntradayIvPoint): IvHistoryPoint => ({
    date: zonedDate(Date.parse(minute.bucket_start), timeZone),
    ...minute,
  });

/** Daily closes or minutes of the IV, the latest `limit` in the range, oldest first, with today's IV rank. */
export async function ivHistory(
  ctx: WebContext,
  product: Product,
  query: IvHistoryQuery,
): Promise<IvHistoryResponse> {
  const { symbol, time_zone: timeZone } = product;
  const readPoints = async (): Promise<IvHistoryPoint[]> => {
    if (query.interval === '1d') {
      const range = exchangeDateRange(query, timeZone);
      const days = await getDailyIvPoints(ctx.db, { product: symbol, limit: query.limit, ...range });
      return days.map(dayPoint);
    }
    const range = exchangeTimeRange(query, timeZone);
    const minutes = await getIntradayIvPoints(ctx.db, { product: symbol, limit: query.limit, ...range });
    return minutes.map(minutePoint(timeZone));
  };
  const [points, current] = await Promise.all([readPoints(), getLatestDailyIv30dPoint(ctx.db, symbol)]);
  return {
    product: symbol,
    interval: query.interval,
    points,
    rank: await currentIvRank(ctx, product, current, query.lookback),
  };
}

/**
 * The points ivHistory answers, oldest first, read from PostgreSQL page by page (CSV exports of long
 * ranges, above all minutes).
 */
export function ivHistoryPages(
  ctx: WebContext,
  product: Product,
  query: IvHistoryQuery,
): AsyncGenerator<IvHistoryPoint[]> {
  const { symbol, time_zone: timeZone } = product;
  if (query.interval === '1d') {
    const days = getDailyIvPages(ctx.db, {
      product: symbol,
      limit: query.limit,
      ...exchangeDateRange(query, timeZone),
    });
    return mapPages(days, dayPoint);
  }
  const minutes = getIntradayIvPages(ctx.db, {
    product: symbol,
    limit: query.limit,
    ...exchangeTimeRange(query, timeZone),
  });
  return mapPages(minutes, minutePoint(timeZone));
}

/** The newest chain time of a curve as read (getChainAtmIvsAt), or null for an empty one. */
function newestTimestamp(chains: readonly { timestamp: string }[]): string | null {
  return chains.reduce<string | null>(
    (newest, chain) =>
      newest === null || Date.parse(chain.timestamp) > Date.parse(newest) ? chain.timestamp : newest,
    null,
  );
}

/**
 * ATM IV by live expiry now, beside the latest snapshots at least a day and a week older than the
 * current one (not than the clock: after the close, "a day ago" is the previous session's close), by
 * expiry and at constant maturities.
 */
export async function termStructure(ctx: WebContext, product: Product): Promise<TermStructureResponse> {
  const { symbol, time_zone: timeZone } = product;
  const now = await getChainAtmIvsAt(ctx.db, { product: symbol, at: new Date() });
  const timestamp = newestTimestamp(now);
  const earlier = async (agoMs: number) =>
    timestamp === null
      ? []
      : getChainAtmIvsAt(ctx.db, { product: symbol, at: new Date(Date.parse(timestamp) - agoMs) });
  const [dayAgo, weekAgo] = await Promise.all([earlier(DAY_MS), earlier(7 * DAY_MS)]);
  const curve = (chains: typeof now) => (chains.length === 0 ? null : atmTermStructure(chains, timeZone));
  const current = atmTermStructure(now, timeZone);
  const [dayAgoCurve, weekAgoCurve] = [curve(dayAgo), curve(weekAgo)];
  const rows = (snapshot: TermStructureSnapshot, points: readonly TermStructurePoint[] | null) =>
    (points ?? []).map((point) => ({ snapshot, ...point }));
  return {
    product: symbol,
    timestamp,
    timestamp_1d_ago: newestTimestamp(dayAgo),
    timestamp_1w_ago: newestTimestamp(weekAgo),
    ...compareTermStructures(current, { dayAgo: dayAgoCurve, weekAgo: weekAgoCurve }),
    curves: [...rows('now', current), ...rows('1d_ago', dayAgoCurve), ...rows('1w_ago', weekAgoCurve)],
  };
}

/**
 * Rolling close-to-close and Parkinson volatility of each window over the settled trading days of the
 * range (the day in progress is left out: its candle is still open), each window's latest value, and
 * the 30-day IV minus the 20-day close-to-close volatility, now and on each day of the range.
 */
export async function realisedVol(
  ctx: WebContext,
  product: Product,
  query: RealizedVolQuery,
): Promise<RealizedVolResponse> {
  const { symbol, time_zone: timeZone } = product;
  const today = zonedDate(Date.now(), timeZone);
  const range = exchangeDateRange(query, timeZone);
  const endDate = range.endDate !== undefined && range.endDate < today ? range.endDate : today;
  // The spread's window is computed whether asked for or not.
  const windows = [...new Set([...query.windows, IV_RV_SPREAD_WINDOW_DAYS])].sort((a, b) => a - b);
  const longest = windows[windows.length - 1]!;
  const options = { timeZone, windows };

  const [inRange, recent, latestIv] = await Promise.all([
    getDailyCandles(ctx.db, {
      product: symbol,
      limit: query.limit,
      endDate,
      ...(range.startDate ? { startDate: range.startDate } : {}),
    }),
    getDailyCandles(ctx.db, { product: symbol, limit: longest + 1, endDate: today }),
    getLatestDailyIv30dPoint(ctx.db, symbol),
  ]);
  const firstDate = inRange[0]?.date;
  const [lead, ivDays] =
    firstDate === undefined
      ? [[], []]
      : await Promise.all([
          // The first day of the range needs the `longest` candles before it.
          getDailyCandles(ctx.db, { product: symbol, limit: longest, endDate: firstDate }),
          // At most one IV point per calendar day of the range.
          getDailyIvPoints(ctx.db, {
            product: symbol,
            limit: Math.round((Date.parse(endDate) - Date.parse(firstDate)) / DAY_MS),
            startDate: firstDate,
            endDate,
          }),
        ]);
  const points = realisedVolSeries([...lead, ...inRange], options).filter(
    (point) => point.date >= firstDate!,
  );
  const ivByDate = new Map(ivDays.map((point) => [point.date, point.iv_30d]));
  const latest = latestRealisedVol(recent, options);
  const latestSpreadRv = latest.find((point) => point.window_days === IV_RV_SPREAD_WINDOW_DAYS) ?? null;
  const iv = latestIv?.iv_30d ?? null;

  return {
    product: symbol,
    windows: query.windows,
    series: points.filter((point) => query.windows.includes(point.window_days)),
    latest: query.windows.map((window) => {
      const point = latest.find((candidate) => candidate.window_days === window);
      return point
        ? { ...point, reason: null }
        : {
            window_days: window,
            date: null,
            close_to_close: null,
            parkinson: null,
            reason: 'insufficient_history' as const,
          };
    }),
    iv_rv_spread: {
      window_days: IV_RV_SPREAD_WINDOW_DAYS,
      iv_30d: iv,
      iv_date: iv === null ? null : latestIv!.date,
      rv: latestSpreadRv?.close_to_close ?? null,
      rv_date: latestSpreadRv?.date ?? null,
      spread_points:
        iv === null || latestSpreadRv === null ? null : ivRvSpreadPoints(iv, latestSpreadRv.close_to_close),
      reason: iv === null ? 'no_current_iv' : latestSpreadRv === null ? 'insufficient_history' : null,
    },
    iv_rv_spread_series: points.flatMap((point) => {
      const dayIv = ivByDate.get(point.date);
      if (point.window_days !== IV_RV_SPREAD_WINDOW_DAYS || dayIv === undefined || dayIv === null) return [];
      return [
        {
          date: point.date,
          iv_30d: dayIv,
          rv: point.close_to_close,
          spread_points: ivRvSpreadPoints(dayIv, point.close_to_close),
        },
      ];
    }),
  };
}
