'use client';

import { IV_RANK_MIN_HISTORY_DAYS, IV_RV_SPREAD_WINDOW_DAYS } from '@deltastream/core/volatility';
import { useIvHistory, useRealizedVol } from '../../client/market-queries';
import type { CurrentIvRank, RealizedVolResponse } from '../../contracts/volatility-history';
import { DASH, formatDecimal, formatExchangeDate, formatSigned, formatVolPoints } from './format';
import { Detail, MetricCard, Value } from './metric-cards';

/** What a trader reads where a measure is missing. */
const RANK_REASONS: Record<NonNullable<CurrentIvRank['reason']>, string> = {
  no_history: 'no IV history yet',
  no_current_iv: 'no 30-day IV today',
  insufficient_history: `needs ${IV_RANK_MIN_HISTORY_DAYS} days of history`,
  zero_range: 'IV has not moved',
};
const SPREAD_REASONS: Record<NonNullable<RealizedVolResponse['iv_rv_spread']['reason']>, string> = {
  no_current_iv: 'no 30-day IV yet',
  insufficient_history: `needs ${IV_RV_SPREAD_WINDOW_DAYS + 1} daily closes`,
};

const volPercent = (value: number | null | undefined) =>
  value === null || value === undefined ? DASH : `${formatVolPoints(value)}%`;

/**
 * The volatility a trader checks before trading: the 30-day IV, where it stands in its past year (IV
 * rank and percentile), what the underlying has realised over 20 days, and the difference. They move
 * slowly, so they are read every minute rather than with every chain.
 */
export function VolatilityCards({ product }: { product: string | undefined }) {
  const rank = useIvHistory(product).data?.rank;
  const realized = useRealizedVol(product).data;
  const rv = realized?.latest.find((point) => point.window_days === IV_RV_SPREAD_WINDOW_DAYS);
  const spread = realized?.iv_rv_spread;
  const lookback = rank ? `${rank.lookback_days}-day` : '';
  /** A rank card's detail: `known` when the card's figure is there, else why it is missing. */
  const rankDetail = (figure: (of: CurrentIvRank) => number | null, known: (of: CurrentIvRank) => string) =>
    rank && figure(rank) !== null ? known(rank) : rank?.reason ? RANK_REASONS[rank.reason] : DASH;
  return (
    <>
      <MetricCard
        testId="metric-iv-30d"
        label="IV · 30-day"
        title="ATM implied volatility at a constant 30-day maturity, interpolated between the listed expiries; annualised."
      >
        <Value>{volPercent(rank?.current_iv)}</Value>
        <Detail>
          {rank?.date == null
            ? DASH
            : rank.source === 'simulated'
              ? `simulated · ${formatExchangeDate(rank.date)}`
              : `constant maturity · ${formatExchangeDate(rank.date)}`}
        </Detail>
      </MetricCard>
      <MetricCard
        testId="metric-iv-rank"
        label="IV rank"
        title={`Where the 30-day IV sits between its low (0) and high (100) of the ${lookback} lookback.`}
      >
        <Value>{formatDecimal(rank?.iv_rank, 0)}</Value>
        <Detail>
          {rankDetail(
            (r) => r.iv_rank,
            (r) => `${lookback} range ${formatVolPoints(r.low_iv)}–${volPercent(r.high_iv)}`,
          )}
        </Detail>
      </MetricCard>
      <MetricCard
        testId="metric-iv-percentile"
        label="IV percentile"
        title={`The share of the ${lookback} lookback's days whose 30-day IV was lower than now.`}
      >
        <Value>{formatDecimal(rank?.iv_percentile, 0)}</Value>
        <Detail>
          {rankDetail(
            (r) => r.iv_percentile,
            (r) => `% of ${r.history_days} days lower`,
          )}
        </Detail>
      </MetricCard>
      <MetricCard
        testId="metric-rv-20d"
        label={`RV · ${IV_RV_SPREAD_WINDOW_DAYS}-day`}
        title={`Realised volatility of the underlying over the last ${IV_RV_SPREAD_WINDOW_DAYS} settled trading days: close-to-close, annualised by √252; Parkinson from the daily ranges.`}
      >
        <Value>{volPercent(rv?.close_to_close)}</Value>
        <Detail>
          {rv?.parkinson != null
            ? `Parkinson ${volPercent(rv.parkinson)}`
            : rv?.reason
              ? SPREAD_REASONS.insufficient_history
              : DASH}
        </Detail>
      </MetricCard>
      <MetricCard
        testId="metric-iv-rv-spread"
        label="IV − RV"
        title={`The 30-day IV minus the ${IV_RV_SPREAD_WINDOW_DAYS}-day realised volatility, in vol points: positive when options price more movement than the underlying has shown.`}
      >
        <Value>
          {formatSigned(spread?.spread_points, 1)}
          {spread?.spread_points != null && (
            <span className="ml-1 text-xs font-normal text-slate-500">pts</span>
          )}
        </Value>
        <Detail>
          {spread?.spread_points != null
            ? `${volPercent(spread.iv_30d)} vs ${volPercent(spread.rv)}`
            : spread?.reason
              ? SPREAD_REASONS[spread.reason]
              : DASH}
        </Detail>
      </MetricCard>
    </>
  );
}
