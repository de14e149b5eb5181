import type { ReactNode } from 'react';
import type { EnrichedChain } from '@deltastream/core/schemas';
import type { PcrResponse } from '../../contracts/rest';
import {
  DASH,
  formatDecimal,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSigned,
  formatStrike,
  formatVolPoints,
} from './format';

type PcrPoint = PcrResponse['history'][number];

export function MetricCard({
  testId,
  label,
  title,
  children,
}: {
  testId: string;
  label: string;
  /** A tooltip: what the number is, where the label has no room to say it. */
  title?: string;
  children: ReactNode;
}) {
  return (
    <div
      data-testid={testId}
      title={title}
      className="min-w-0 rounded-lg border border-slate-800 bg-slate-900/60 px-3 py-2"
    >
      <div className="text-[10px] font-semibold tracking-wider text-slate-500 uppercase">{label}</div>
      {children}
    </div>
  );
}

export const Value = ({ children }: { children: ReactNode }) => (
  <div data-role="value" className="truncate font-mono text-lg font-semibold text-slate-50 tabular-nums">
    {children}
  </div>
);
export const Detail = ({ children }: { children: ReactNode }) => (
  <div className="font-mono text-xs text-slate-400 tabular-nums sm:truncate">{children}</div>
);

function Trend({ now, before }: { now: number | null; before: number | null | undefined }) {
  if (now === null || before === null || before === undefined || now === before) {
    return (
      <span className="text-slate-500" aria-label="unchanged">
        ▬
      </span>
    );
  }
  return now > before ? (
    <span className="text-up" aria-label="up">
      ▲
    </span>
  ) : (
    <span className="text-down" aria-label="down">
      ▼
    </span>
  );
}

/** The trend's point before the chain's own, so an arrow compares the chain with what came just before it. */
function previousPoint(history: readonly PcrPoint[] | undefined, timestamp: string): PcrPoint | undefined {
  if (!history) return undefined;
  const at = Date.parse(timestamp);
  for (let i = history.length - 1; i >= 0; i -= 1) {
    if (Date.parse(history[i]!.timestamp) < at) return history[i];
  }
  return undefined;
}

/** The metric cards, five a row on a desk, two on a phone: the chain's, then the volatility history's. */
export function MetricGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">{children}</div>;
}

/** The chain's cards: PCR, max pain, straddle, ATM IV, open interest. */
export function MetricCards({
  chain,
  pcrHistory,
}: {
  chain: EnrichedChain | undefined;
  pcrHistory: readonly PcrPoint[] | undefined;
}) {
  const previous = chain ? previousPoint(pcrHistory, chain.timestamp) : undefined;
  const maxPainDistance = chain ? chain.max_pain_strike - chain.spot_price : null;
  return (
    <>
      <MetricCard testId="metric-pcr" label="Put-call ratio">
        <Value>
          {formatDecimal(chain?.pcr_oi, 2)} <Trend now={chain?.pcr_oi ?? null} before={previous?.pcr_oi} />
          <span className="ml-1 text-xs font-normal text-slate-500">OI</span>
        </Value>
        <Detail>
          Vol {formatDecimal(chain?.pcr_volume, 2)}{' '}
          <Trend now={chain?.pcr_volume ?? null} before={previous?.pcr_volume} />
        </Detail>
      </MetricCard>
      <MetricCard testId="metric-max-pain" label="Max pain">
        <Value>{formatStrike(chain?.max_pain_strike)}</Value>
        <Detail>
          {chain && maxPainDistance !== null
            ? `${formatSigned(maxPainDistance)} pts (${formatPercent((100 * maxPainDistance) / chain.spot_price)}) vs spot`
            : DASH}
        </Detail>
      </MetricCard>
      <MetricCard
        testId="metric-straddle"
        label={`ATM straddle${chain ? ` · ${formatStrike(chain.atm_strike)}` : ''}`}
      >
        <Value>{formatPrice(chain?.atm_straddle_price)}</Value>
        <Detail>
          {chain?.implied_move != null
            ? `Move ±${formatPrice(chain.implied_move)} (±${formatDecimal(chain.implied_move_pct, 2)}%)`
            : DASH}
        </Detail>
      </MetricCard>
      <MetricCard testId="metric-atm-iv" label="ATM IV">
        <Value>{chain?.atm_iv != null ? `${formatVolPoints(chain.atm_iv)}%` : DASH}</Value>
        <Detail>annualised, at the ATM strike</Detail>
      </MetricCard>
      <MetricCard testId="metric-open-interest" label="Open interest">
        <Value>
          <span className="text-red-300">{formatQuantity(chain?.total_call_oi)}</span>
          <span className="mx-1 text-slate-600">/</span>
          <span className="text-green-300">{formatQuantity(chain?.total_put_oi)}</span>
        </Value>
        <Detail>calls / puts</Detail>
      </MetricCard>
    </>
  );
}
