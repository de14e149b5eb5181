import type { Logger } from '@deltastream/bus/logger';
import { IV_RANK_LOOKBACK_DAYS, ivRankAndPercentile } from '@deltastream/core/volatility';
import type { Db } from '@deltastream/db/client';
import { getIvLookback, getLatestDailyIv30dPoint } from '@deltastream/db/queries';
import { createRefreshingCache } from './refreshing-cache';

/** The IV rank changes with the daily IV point, which the worker rewrites once a minute. */
export const IV_RANK_MAX_AGE_MS = 60_000;

/**
 * The current IV rank of a product as `GET /api/analytics/iv-history` reports it: the latest stored day
 * that has a 30-day IV against the 252 daily values before it (core's ivRankAndPercentile); null when
 * it is not known (no history, fewer than 20 days, a zero range).
 */
export async function currentIvRank(db: Db, product: string): Promise<number | null> {
  const current = await getLatestDailyIv30dPoint(db, product);
  if (current === null || current.iv_30d === null) return null;
  const history = await getIvLookback(db, {
    product,
    beforeDate: current.date,
    days: IV_RANK_LOOKBACK_DAYS,
  });
  return ivRankAndPercentile(history, current.iv_30d, { lookbackDays: IV_RANK_LOOKBACK_DAYS }).iv_rank;
}

/** currentIvRank per product, held for a minute (two indexed reads per product per minute). */
export function createIvRanks(deps: { db: Db; logger: Logger; nowMs?: () => number }) {
  return createRefreshingCache<number | null>({
    load: (product) => currentIvRank(deps.db, product),
    maxAgeMs: IV_RANK_MAX_AGE_MS,
    nowMs: deps.nowMs,
    onError: (product, error) => deps.logger.warn({ err: error, product }, 'could not read the IV rank'),
  });
}
export type IvRanks = ReturnType<typeof createIvRanks>;
