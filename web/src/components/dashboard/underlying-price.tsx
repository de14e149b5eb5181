'use client';

import { useRef } from 'react';
import type { EnrichedUnderlying } from '@deltastream/core/schemas';
import { formatExchangeTime } from './exchange-time';
import { formatPercent, formatSigned, toneOf } from './format';
import { useFlashOnChange } from './use-flash-on-change';

/** The underlying's last price with the day's change; the price is plain digits so scripts can read it. */
export function UnderlyingPrice({
  latest,
  timeZone,
}: {
  latest: EnrichedUnderlying | null | undefined;
  timeZone: string | undefined;
}) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = latest ? latest.price.toFixed(2) : '—';
  useFlashOnChange(ref, latest?.price, shown);
  return (
    <div
      className="flex items-baseline gap-2 font-mono tabular-nums"
      title={
        latest && timeZone
          ? `Last tick ${formatExchangeTime(Date.parse(latest.timestamp), timeZone)}`
          : undefined
      }
    >
      <span
        ref={ref}
        data-testid="underlying-price"
        className="flash-on-change rounded px-1 text-lg font-semibold text-slate-50"
      >
        {shown}
      </span>
      {latest && (
        <span className={`text-xs ${toneOf(latest.change)}`}>
          {formatSigned(latest.change)} ({formatPercent(latest.change_pct)})
        </span>
      )}
    </div>
  );
}
