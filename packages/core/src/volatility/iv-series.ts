// Points of the implied-volatility history: one per minute while chains arrive, one per trading day.
//
// A minute's point is its last observation, and a day's point is its last minute: the closing IV, as a
// daily IV series (VIX's close among them) is quoted. Both are labelled the way candles are: the minute
// by the instant it starts, the day by its date on the exchange's wall clock.

import { candleBucketStartMs } from '../analytics';
import { zonedDate } from '../calendar';
import type { DailyIvPoint, IntradayIvPoint, IvSource } from '../schemas';
import { AnalyticsInputError, requireTimeZone } from '../analytics/input-checks';
import {
  checkedExpiries,
  constantMaturityAtmIv,
  IV_30D_DAYS,
  type ConstantMaturityOptions,
  type ExpiryAtmIv,
} from './constant-maturity';

const MINUTE_SECONDS = 60;

export interface IvPointOptions extends ConstantMaturityOptions {
  /** When the chains were observed: epoch ms or ISO-8601 with an offset. */
  timestamp: number | string;
  source: IvSource;
}

/**
 * The IV levels of one product at `timestamp` from the latest chain of each of its expiries (any order;
 * an EnrichedChain fits): the 30-day constant-maturity ATM IV and the ATM IV of the nearest unexpired
 * expiry that has one, in the minute that contains `timestamp`. The nearest expiry is taken however
 * close it is (minDaysToExpiry applies to iv_30d only): it is the contract traders watch.
 */
export function intradayIvPoint(chains: readonly ExpiryAtmIv[], options: IvPointOptions): IntradayIvPoint {
  const { timestamp, source, ...cmOptions } = options;
  const bucketStartMs = candleBucketStartMs(timestamp, MINUTE_SECONDS);
  const near = checkedExpiries(chains, 'chains').find(
    (chain) => chain.atm_iv !== null && chain.time_to_expiry_years > 0,
  );
  return {
    bucket_start: new Date(bucketStartMs).toISOString(),
    iv_30d: constantMaturityAtmIv(chains, IV_30D_DAYS, cmOptions)?.iv ?? null,
    atm_iv: near?.atm_iv ?? null,
    near_expiry: near?.expiry ?? null,
    source,
  };
}

/**
 * Daily points from intraday ones (any order): for each date of `timeZone` (the exchange's), the point
 * of its latest minute, ascending by date.
 */
export function dailyIvPoints(points: readonly IntradayIvPoint[], timeZone: string): DailyIvPoint[] {
  requireTimeZone(timeZone);
  const latestByDate = new Map<string, { ms: number; point: IntradayIvPoint }>();
  points.forEach((point, i) => {
    const ms = Date.parse(point.bucket_start);
    if (!Number.isFinite(ms)) {
      throw new AnalyticsInputError(
        `points[${i}].bucket_start`,
        `must be an ISO-8601 date-time, got ${point.bucket_start}`,
      );
    }
    const date = zonedDate(ms, timeZone);
    const latest = latestByDate.get(date);
    if (latest === undefined || ms > latest.ms) latestByDate.set(date, { ms, point });
  });
  return [...latestByDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, { point }]) => ({
      date,
      iv_30d: point.iv_30d,
      atm_iv: point.atm_iv,
      near_expiry: point.near_expiry,
      source: point.source,
    }));
}
