'use client';

import type { StrategyScenario } from '@deltastream/core/strategy';

const control =
  'w-14 rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-xs text-slate-100 outline-none focus:border-sky-500';

/**
 * The what-if of the dashed curve: days forward (up to the nearest expiry) and an IV shift in vol points,
 * as core's StrategyScenarioSchema takes them.
 */
export function ScenarioControls({
  scenario,
  maxDays,
  onChange,
}: {
  scenario: StrategyScenario;
  /** Days to the nearest expiry: the what-if cannot go past it. */
  maxDays: number;
  onChange: (scenario: StrategyScenario) => void;
}) {
  const number = (value: string, min: number, max: number) =>
    Math.min(max, Math.max(min, Number(value) || 0));
  return (
    <span className="flex items-center gap-2">
      <label className="flex items-center gap-1" title="Value the dashed curve this many days from now">
        T+
        <input
          data-testid="scenario-days"
          type="number"
          min={0}
          max={Math.floor(maxDays)}
          step={1}
          value={scenario.days_forward}
          onChange={(event) =>
            onChange({ ...scenario, days_forward: number(event.target.value, 0, Math.floor(maxDays)) })
          }
          className={control}
        />
        d
      </label>
      <label className="flex items-center gap-1" title="Move every leg's IV by this many vol points">
        IV ±
        <input
          data-testid="scenario-iv-shift"
          type="number"
          min={-50}
          max={50}
          step={1}
          value={scenario.iv_shift_pct}
          onChange={(event) => onChange({ ...scenario, iv_shift_pct: number(event.target.value, -50, 50) })}
          className={control}
        />
        pt
      </label>
    </span>
  );
}
