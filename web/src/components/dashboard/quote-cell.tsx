'use client';

import { memo, useRef } from 'react';
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
      {shown}
    </td>
  );
});
