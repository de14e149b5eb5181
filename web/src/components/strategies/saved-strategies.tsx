'use client';

import { useState } from 'react';
import type { SavedStrategyJson } from '../../contracts/strategies';
import { useDeleteStrategy, useSaveStrategy, useSavedStrategies } from '../../client/strategy-queries';
import { formatExchangeDateTime } from '../dashboard/exchange-time';
import { formatSigned, toneOf } from '../dashboard/format';
import { LoadedList } from '../dashboard/loaded-list';
import { DeleteRowButton, RowButton } from '../dashboard/row-button';
import type { StrategyDraft } from './strategy-draft';

/**
 * Saving the strategy on the builder under a name, and the user's saved strategies with their live P&L
 * (the server's, against each product's latest chain; re-read every few seconds): open one onto the
 * builder, or delete it.
 */
export function SavedStrategies({
  draft,
  timeZoneOf,
  onOpen,
}: {
  draft: StrategyDraft;
  /** The exchange time zone of a product, for the times shown. */
  timeZoneOf: (product: string) => string | undefined;
  onOpen: (saved: SavedStrategyJson) => void;
}) {
  const saved = useSavedStrategies();
  const save = useSaveStrategy();
  const remove = useDeleteStrategy();
  const [name, setName] = useState('');
  const list = saved.data?.strategies ?? [];
  const full = saved.data !== undefined && list.length >= saved.data.max_strategies;
  return (
    <div className="flex flex-col">
      <form
        data-testid="save-form"
        className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-3 py-2"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ name, product: draft.product, legs: draft.legs }, { onSuccess: () => setName('') });
        }}
      >
        <input
          data-testid="save-name"
          aria-label="Strategy name"
          placeholder="Name this strategy"
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          className="min-w-0 flex-1 rounded-md border border-slate-700 bg-slate-900 px-2 py-1 text-sm text-slate-100 outline-none focus:border-sky-500"
        />
        <button
          type="submit"
          data-testid="save-submit"
          disabled={draft.legs.length === 0 || name.trim() === '' || save.isPending || full}
          className="rounded-md border border-sky-600 bg-sky-500/15 px-3 py-1 text-sm font-medium text-sky-200 hover:bg-sky-500/25 disabled:opacity-50"
        >
          Save
        </button>
        {save.error && (
          <p role="alert" data-testid="save-error" className="w-full text-xs text-red-300">
            {save.error.message}
          </p>
        )}
      </form>
      <LoadedList
        query={saved}
        what="your strategies"
        loading="Loading your strategies…"
        isEmpty={list.length === 0}
        empty={{ testId: 'saved-empty', note: 'No saved strategies yet.', className: 'px-3 py-3' }}
      >
        <ul data-testid="saved-list" className="divide-y divide-slate-800">
          {list.map((entry) => {
            const timeZone = timeZoneOf(entry.strategy.product);
            const live = entry.live;
            return (
              <li
                key={entry.id}
                data-testid="saved-strategy"
                data-id={entry.id}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-xs"
              >
                <div className="min-w-0 flex-1">
                  <div data-testid="saved-name" className="truncate text-sm font-medium text-slate-100">
                    {entry.name}
                  </div>
                  <div className="text-slate-500">
                    {entry.strategy.product} · {entry.strategy.legs.length} legs
                    {timeZone && ` · ${formatExchangeDateTime(Date.parse(entry.created_at), timeZone)}`}
                  </div>
                </div>
                <div
                  className="text-right font-mono tabular-nums"
                  title="Mark to market: every leg at mid now"
                >
                  <div data-testid="saved-pnl" className={toneOf(live?.mark_to_market_pnl)}>
                    {formatSigned(live?.mark_to_market_pnl, 2)}
                  </div>
                  <div className="text-slate-500">
                    at expiry {formatSigned(live?.pnl_at_expiry_at_spot, 0)}
                  </div>
                </div>
                <div className="flex gap-1">
                  <RowButton testId="saved-open" onClick={() => onOpen(entry)}>
                    Open
                  </RowButton>
                  <DeleteRowButton testId="saved-delete" id={entry.id} remove={remove} />
                </div>
              </li>
            );
          })}
        </ul>
      </LoadedList>
    </div>
  );
}
