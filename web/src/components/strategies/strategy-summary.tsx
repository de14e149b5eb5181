import type { ReactNode } from 'react';
import type { PnlExtreme, StrategyAnalysis } from '@deltastream/core/strategy';
import { DASH, formatDecimal, formatPrice, formatSigned, toneOf } from '../dashboard/format';

function SummaryCard({ testId, label, children }: { testId: string; label: string; children: ReactNode }) {
  return (
    <div
      data-testid={testId}
      className="min-w-0 rounded-lg border border-slate-800 bg-slate-900/60 px-3 py-2"
    >
      <div className="text-[10px] font-semibold tracking-wider text-slate-500 uppercase">{label}</div>
      {children}
    </div>
  );
}

const Value = ({ tone = 'text-slate-50', children }: { tone?: string; children: ReactNode }) => (
  <div data-value className={`truncate font-mono text-base font-semibold tabular-nums ${tone}`}>
    {children}
  </div>
);
const Detail = ({ children }: { children: ReactNode }) => (
  <div className="truncate font-mono text-[11px] text-slate-400 tabular-nums">{children}</div>
);

/** Max profit or max loss at expiry: "Unlimited" in the tone of its direction, or the value in currency. */
function ExtremeCard({
  testId,
  label,
  extreme,
  unlimitedTone,
  currency,
}: {
  testId: string;
  label: string;
  extreme: PnlExtreme;
  unlimitedTone: 'text-up' | 'text-down';
  currency: string;
}) {
  return (
    <SummaryCard testId={testId} label={label}>
      <Value tone={extreme.unlimited ? unlimitedTone : toneOf(extreme.value)}>
        {extreme.unlimited ? 'Unlimited' : formatSigned(extreme.value, 2)}
      </Value>
      <Detail>{currency} at expiry</Detail>
    </SummaryCard>
  );
}

/** A probability (0..1) as a percentage with one decimal: 0.634 → 63.4%. */
export function formatProbability(probability: number | null): string {
  return probability === null ? DASH : `${formatDecimal(probability * 100, 1)}%`;
}

/**
 * What a trader reads off a strategy before trading it, from core's analysis: P&L in currency of the
 * whole position (lots × lot size), net premium > 0 a debit, Greeks of the position (theta per day,
 * vega per vol point).
 */
export function StrategySummary({ analysis, currency }: { analysis: StrategyAnalysis; currency: string }) {
  const { at_expiry: atExpiry, scenario, net_premium: netPremium } = analysis;
  const { greeks } = scenario;
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
      <ExtremeCard
        testId="strategy-max-profit"
        label="Max profit"
        extreme={atExpiry.max_profit}
        unlimitedTone="text-up"
        currency={currency}
      />
      <ExtremeCard
        testId="strategy-max-loss"
        label="Max loss"
        extreme={atExpiry.max_loss}
        unlimitedTone="text-down"
        currency={currency}
      />
      <SummaryCard testId="strategy-breakevens" label="Breakevens">
        <Value>
          {atExpiry.breakevens.length === 0
            ? DASH
            : atExpiry.breakevens.map((price, i) => (
                <span key={i} data-testid="breakeven" className="mr-2 last:mr-0">
                  {formatPrice(price)}
                </span>
              ))}
        </Value>
        <Detail>at expiry</Detail>
      </SummaryCard>
      <SummaryCard testId="strategy-pop" label="Probability of profit">
        <Value>{formatProbability(atExpiry.probability_of_profit)}</Value>
        <Detail>Expected {formatSigned(atExpiry.expected_pnl, 2)}</Detail>
      </SummaryCard>
      <SummaryCard testId="strategy-net-premium" label="Net premium">
        <Value tone={netPremium > 0 ? 'text-down' : 'text-up'}>
          {netPremium > 0 ? 'Debit' : 'Credit'} {formatPrice(Math.abs(netPremium))}
        </Value>
        <Detail>
          {netPremium > 0 ? 'paid' : 'received'} · now {formatSigned(scenario.pnl_at_spot, 2)}
        </Detail>
      </SummaryCard>
      <SummaryCard testId="strategy-greeks" label="Net Greeks">
        <div className="grid grid-cols-2 gap-x-2 font-mono text-[11px] text-slate-300 tabular-nums">
          <span title="Delta, in units of the underlying">Δ {formatDecimal(greeks.delta, 1)}</span>
          <span title="Gamma, per 1.00 of the underlying">Γ {formatDecimal(greeks.gamma, 3)}</span>
          <span title="Theta, per day">Θ {formatDecimal(greeks.theta, 0)}</span>
          <span title="Vega, per vol point">ν {formatDecimal(greeks.vega, 0)}</span>
        </div>
      </SummaryCard>
    </div>
  );
}
