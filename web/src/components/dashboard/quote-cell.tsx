'use client';

import { memo, useRef } from 'react';
import type { EnrichedOptionQuote } from '@deltastream/core/schemas';
import type { TradeSide } from '@deltastream/core/strategy';
import { toneOf } from './format';
import { useFlashOnChange } from './use-flash-on-change';

/** Open interest bars grow from the strike column outwards: calls leftwards, puts rightwards. */
const OI_BARS = {
  call: { direction: 'to left', color: 'rgba(248, 113, 113, 0.16)' },
  put: { direction: 'to right', color: 'rgba(74, 222, 128, 0.16)' },
} as const;

interface QuoteCellProps {
  value: number | null;
  format: (value: number | null) => string;
  signed: boolean;
  flash: boolean;
  inTheMoney: boolean;
  /** For the OI column: the side, and the OI as a share (0..1) of the chain's scale. */
  oiBar?: 'call' | 'put';
  oiShare?: number;
  /** A price the trader can click to trade the quote on this side (the strategy builder's chain). */
  pick?: { side: TradeSide; quote: EnrichedOptionQuote; onPick: () => void } | undefined;
}

/** One number of the chain; renders (and, if `flash`, flashes) only when its own value changes. */
export const QuoteCell = memo(function QuoteCell({
  value,
  format,
  signed,
  flash,
  inTheMoney,
  oiBar,
  oiShare = 0,
  pick,
}: QuoteCellProps) {
  const ref = useRef<HTMLTableCellElement>(null);
  const shown = format(value);
  useFlashOnChange(ref, flash ? value : null, shown);
  const bar = oiBar && oiShare > 0 ? OI_BARS[oiBar] : undefined;
  return (
    <td
      ref={ref}
      className={`${flash ? 'flash-on-change' : ''} border-b border-slate-800/60 px-1 py-1 text-right tabular-nums ${inTheMoney ? 'bg-amber-300/[0.07]' : ''} ${signed ? toneOf(value) : ''}`}
      style={
        bar
          ? {
              backgroundImage: `linear-gradient(${bar.direction}, ${bar.color} ${(oiShare * 100).toFixed(1)}%, transparent 0)`,
            }
          : undefined
      }
    >
      {pick ? (
        <button
          type="button"
          data-testid="chain-pick"
          data-side={pick.side}
          data-option-type={pick.quote.option_type}
          data-strike={pick.quote.strike}
          title={`${pick.side === 'BUY' ? 'Buy' : 'Sell'} the ${pick.quote.strike} ${pick.quote.option_type.toLowerCase()} at ${shown}`}
          onClick={pick.onPick}
          className={`w-full rounded px-0.5 text-right tabular-nums hover:ring-1 ${pick.side === 'BUY' ? 'hover:bg-green-500/15 hover:ring-green-500/60' : 'hover:bg-red-500/15 hover:ring-red-500/60'}`}
        >
          {shown}
        </button>
      ) : (
        shown
      )}
    </td>
  );
});
