'use client';

import type { EnrichedChain } from '@deltastream/core/schemas';
import { MAX_STRATEGY_LEGS, type StrategyLeg } from '@deltastream/core/strategy';
import { ChoiceSelect } from '../dashboard/choice-select';
import { formatExpiry, formatPrice, formatStrike, formatVolPoints } from '../dashboard/format';
import { OPTION_TYPE_CHOICES } from '../dashboard/option-type-choices';
import type { LegChange } from './strategy-draft';

const cell = 'border-b border-slate-800/60 px-1.5 py-1';
const control =
  'rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-xs text-slate-100 outline-none hover:border-slate-500 focus:border-sky-500';

const SIDES = [
  ['BUY', 'Buy'],
  ['SELL', 'Sell'],
] as const;

/** One of a leg's choices, in its cell: `choices` are each option's value and text. */
function LegSelect({
  label,
  testId,
  value,
  choices,
  onPick,
  className = '',
}: {
  label: string;
  testId: string;
  value: string | number;
  choices: readonly (readonly [value: string | number, text: string])[];
  onPick: (value: string) => void;
  className?: string;
}) {
  return (
    <td className={cell}>
      <ChoiceSelect
        aria-label={label}
        testId={testId}
        value={value}
        onPick={onPick}
        choices={choices}
        className={`${control} ${className}`}
      />
    </td>
  );
}

interface LegTableProps {
  legs: readonly StrategyLeg[];
  /** Live expiries of the product, nearest first: what a leg can move to. */
  expiries: readonly string[];
  /** The latest chain of each leg's expiry, by expiry: the strikes a leg can move to. */
  chains: ReadonlyMap<string, EnrichedChain>;
  onChange: (index: number, change: LegChange) => void;
  onRemove: (index: number) => void;
}

/**
 * The strategy's legs, each editable: side, lots, type, strike and expiry (a new contract or side is
 * entered at the live quote; lots keep the entry price), and removable.
 */
export function LegTable({ legs, expiries, chains, onChange, onRemove }: LegTableProps) {
  if (legs.length === 0) {
    return (
      <p data-testid="legs-empty" className="px-3 py-4 text-sm text-slate-500">
        No legs yet: build a preset, or click a bid (sell) or an ask (buy) in the chain.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table data-testid="leg-table" className="w-full border-separate border-spacing-0 text-xs">
        <thead className="text-[10px] tracking-wider text-slate-500 uppercase">
          <tr>
            {['Side', 'Lots', 'Type', 'Strike', 'Expiry', 'Entry', 'IV', ''].map((label, i) => (
              <th key={i} className={`${cell} text-left font-medium`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {legs.map((leg, index) => (
            <tr
              key={index}
              data-testid="leg-row"
              data-kind={leg.kind}
              data-side={leg.side}
              data-lots={leg.lots}
              data-option-type={leg.kind === 'option' ? leg.option_type : undefined}
              data-strike={leg.kind === 'option' ? leg.strike : undefined}
              data-expiry={leg.kind === 'option' ? leg.expiry : undefined}
            >
              <LegSelect
                label="Side"
                testId="leg-side"
                value={leg.side}
                choices={SIDES}
                onPick={(side) => onChange(index, { side: side as StrategyLeg['side'] })}
                className={leg.side === 'BUY' ? 'text-green-300' : 'text-red-300'}
              />
              <td className={cell}>
                <input
                  aria-label="Lots"
                  data-testid="leg-lots"
                  type="number"
                  min={1}
                  step={1}
                  value={leg.lots}
                  onChange={(event) => {
                    const lots = Number(event.target.value);
                    if (Number.isInteger(lots) && lots >= 1) onChange(index, { lots });
                  }}
                  className={`${control} w-14`}
                />
              </td>
              {leg.kind === 'option' ? (
                <>
                  <LegSelect
                    label="Type"
                    testId="leg-type"
                    value={leg.option_type}
                    choices={OPTION_TYPE_CHOICES}
                    onPick={(type) => onChange(index, { option_type: type as 'CALL' | 'PUT' })}
                  />
                  <LegSelect
                    label="Strike"
                    testId="leg-strike"
                    value={leg.strike}
                    choices={[...new Set([...(chains.get(leg.expiry)?.strikes ?? []), leg.strike])]
                      .sort((a, b) => a - b)
                      .map((strike) => [strike, formatStrike(strike)])}
                    onPick={(strike) => onChange(index, { strike: Number(strike) })}
                  />
                  <LegSelect
                    label="Expiry"
                    testId="leg-expiry"
                    value={leg.expiry}
                    choices={[...new Set([...expiries, leg.expiry])]
                      .sort()
                      .map((expiry) => [expiry, formatExpiry(expiry)])}
                    onPick={(expiry) => onChange(index, { expiry })}
                  />
                </>
              ) : (
                <td className={`${cell} text-slate-300`} colSpan={3}>
                  Underlying
                </td>
              )}
              <td className={`${cell} text-right font-mono tabular-nums`} data-testid="leg-entry">
                {formatPrice(leg.entry_price)}
              </td>
              <td className={`${cell} text-right font-mono text-slate-400 tabular-nums`}>
                {leg.kind === 'option' ? formatVolPoints(leg.iv) : ''}
              </td>
              <td className={`${cell} text-right`}>
                <button
                  type="button"
                  data-testid="leg-remove"
                  aria-label="Remove this leg"
                  title="Remove this leg"
                  onClick={() => onRemove(index)}
                  className="rounded px-1.5 text-slate-400 hover:bg-slate-800 hover:text-red-300"
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {legs.length >= MAX_STRATEGY_LEGS && (
        <p className="px-3 py-1 text-xs text-amber-300">At most {MAX_STRATEGY_LEGS} legs.</p>
      )}
    </div>
  );
}
