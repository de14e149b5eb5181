'use client';

import { memo } from 'react';
import type { EnrichedOptionQuote } from '@deltastream/core/schemas';
import type { TradeSide } from '@deltastream/core/strategy';
import { OI_COLUMN_ID, sameDisplayedQuote, sideColumns, type ChainColumnSet } from './chain-columns';
import { formatStrike } from './format';
import { QuoteCell } from './quote-cell';

export interface ChainRowProps {
  strike: number;
  call: EnrichedOptionQuote | undefined;
  put: EnrichedOptionQuote | undefined;
  atm: boolean;
  /** A call is in the money below spot, a put above. */
  callInTheMoney: boolean;
  putInTheMoney: boolean;
  columns: ChainColumnSet;
  /** The open interest a full bar stands for. */
  oiScale: number;
  /** Makes bid and ask clickable: a click trades the quote on that side (see QuoteColumn.pickSide). */
  onPick?: ((quote: EnrichedOptionQuote, side: TradeSide) => void) | undefined;
}

/** The cells of one side of the row: its quote's columns. */
function Side({ side, row }: { side: 'call' | 'put'; row: ChainRowProps }) {
  const { columns, oiScale, onPick } = row;
  const quote = row[side];
  const inTheMoney = side === 'call' ? row.callInTheMoney : row.putInTheMoney;
  return sideColumns(side, columns).map((column) => {
    const value = quote ? column.value(quote) : null;
    const isOi = column.id === OI_COLUMN_ID;
    const { pickSide } = column;
    // A quote without a price on that side cannot be traded there.
    const pick =
      onPick && quote && pickSide && value !== null && value > 0
        ? { side: pickSide, quote, onPick: () => onPick(quote, pickSide) }
        : undefined;
    return (
      <QuoteCell
        pick={pick}
        key={column.id}
        value={value}
        format={column.format}
        signed={column.signed}
        flash={column.flash}
        inTheMoney={inTheMoney}
        oiBar={isOi ? side : undefined}
        oiShare={isOi && value !== null && oiScale > 0 ? Math.min(1, value / oiScale) : 0}
      />
    );
  });
}

function sameRow(a: ChainRowProps, b: ChainRowProps): boolean {
  return (
    a.strike === b.strike &&
    a.atm === b.atm &&
    a.callInTheMoney === b.callInTheMoney &&
    a.putInTheMoney === b.putInTheMoney &&
    a.columns === b.columns &&
    a.oiScale === b.oiScale &&
    a.onPick === b.onPick &&
    sameDisplayedQuote(a.call, b.call) &&
    sameDisplayedQuote(a.put, b.put)
  );
}

/**
 * One strike: calls | strike | puts. Every snapshot brings new quote objects, so the row compares the
 * numbers it shows and renders only when one of them changed; its cells then render only if their own
 * value did. The strike cell sticks to both edges, so scrolling sideways on a phone keeps it in view.
 */
export const ChainRow = memo(function ChainRow(row: ChainRowProps) {
  const { strike, atm } = row;
  return (
    <tr
      data-testid="chain-row"
      data-strike={strike}
      data-atm={atm ? 'true' : undefined}
      className={`hover:bg-slate-800/40 ${atm ? 'outline outline-1 -outline-offset-1 outline-sky-500/70' : ''}`}
    >
      <Side side="call" row={row} />
      <td
        data-strike-cell
        className={`sticky right-0 left-0 z-10 border-x border-b border-x-slate-700 border-b-slate-800/60 px-2 py-1 text-center font-semibold tabular-nums ${atm ? 'bg-sky-950 text-sky-200' : 'bg-slate-900 text-slate-100'}`}
      >
        {formatStrike(strike)}
      </td>
      <Side side="put" row={row} />
    </tr>
  );
}, sameRow);
