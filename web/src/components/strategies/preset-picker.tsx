'use client';

import { useState } from 'react';
import { StrategyPresetSchema, type StrategyPreset } from '@deltastream/core/strategy';
import { ChoiceSelect } from '../dashboard/choice-select';
import { formatExpiry } from '../dashboard/format';

/** `iron-condor` → `Iron condor`. */
export const presetLabel = (preset: StrategyPreset) =>
  preset.charAt(0).toUpperCase() + preset.slice(1).replaceAll('-', ' ');

/** Presets with a far leg (StrategyPresetSchema's calendar and diagonal). */
const TWO_EXPIRY_PRESETS: readonly StrategyPreset[] = ['calendar-spread', 'diagonal-spread'];

const control =
  'rounded-md border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-100 outline-none hover:border-slate-500 focus:border-sky-500 disabled:opacity-50';

export interface PresetChoice {
  preset: StrategyPreset;
  expiry: string;
  far_expiry?: string;
  lots: number;
}

/**
 * Which ready-made strategy to build: the preset, its expiry (the chain on screen by default), the far
 * expiry of a calendar or diagonal (the next one by default), and the lots.
 */
export function PresetPicker({
  expiries,
  expiry,
  busy,
  onBuild,
}: {
  expiries: readonly string[];
  /** The expiry of the chain on screen. */
  expiry: string | undefined;
  busy: boolean;
  onBuild: (choice: PresetChoice) => void;
}) {
  const [preset, setPreset] = useState<StrategyPreset>('iron-condor');
  const [lots, setLots] = useState(1);
  const [farChoice, setFarChoice] = useState<string | undefined>();
  const twoExpiries = TWO_EXPIRY_PRESETS.includes(preset);
  const laterExpiries = expiry === undefined ? [] : expiries.filter((candidate) => candidate > expiry);
  const farExpiry =
    farChoice !== undefined && laterExpiries.includes(farChoice) ? farChoice : laterExpiries[0];
  return (
    <form
      data-testid="preset-form"
      className="flex flex-wrap items-center gap-2 px-3 py-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (expiry === undefined) return;
        onBuild({
          preset,
          expiry,
          lots,
          ...(twoExpiries && farExpiry !== undefined ? { far_expiry: farExpiry } : {}),
        });
      }}
    >
      <label className="flex items-center gap-1 text-xs text-slate-400">
        Preset
        <ChoiceSelect
          testId="preset-name"
          value={preset}
          onPick={(option) => setPreset(option as StrategyPreset)}
          choices={StrategyPresetSchema.options.map((option) => [option, presetLabel(option)])}
          className={control}
        />
      </label>
      <span className="text-xs text-slate-400">
        on <span className="text-slate-200">{expiry ? formatExpiry(expiry) : '—'}</span>
      </span>
      {twoExpiries && (
        <label className="flex items-center gap-1 text-xs text-slate-400">
          far
          <ChoiceSelect
            testId="preset-far-expiry"
            value={farExpiry ?? ''}
            disabled={laterExpiries.length === 0}
            onPick={setFarChoice}
            choices={laterExpiries.map((option) => [option, formatExpiry(option)])}
            className={control}
          />
        </label>
      )}
      <label className="flex items-center gap-1 text-xs text-slate-400">
        Lots
        <input
          data-testid="preset-lots"
          type="number"
          min={1}
          step={1}
          value={lots}
          onChange={(event) => setLots(Math.max(1, Math.floor(Number(event.target.value)) || 1))}
          className={`${control} w-16`}
        />
      </label>
      <button
        type="submit"
        data-testid="preset-build"
        disabled={busy || expiry === undefined || (twoExpiries && farExpiry === undefined)}
        className="rounded-md border border-sky-600 bg-sky-500/15 px-3 py-1 text-sm font-medium text-sky-200 hover:bg-sky-500/25 disabled:opacity-50"
      >
        Build
      </button>
    </form>
  );
}
