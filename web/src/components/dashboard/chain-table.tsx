'use client';

import { useEffect, useMemo, useRef } from 'react';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { ChainRow, type ChainRowProps } from './chain-row';
import { sideColumns, type ChainColumnSet } from './chain-columns';

/** The smallest 1, 2 or 5 × 10^k at or above `value`: OI bars keep their scale while open interest drifts. */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= value) ?? 10 * power;
}

/** Centres the ATM row (and, on a narrow screen, the strike column) in the scrolling box. */
function centreAtmRow(box: HTMLElement): boolean {
  const row = box.querySelector<HTMLElement>('[data-atm="true"]');
  if (!row) return false;
  const boxRect = box.getBoundingClientRect();
  const rowRect = row.getBoundingClientRect();
  box.scrollTop += rowRect.top - boxRect.top - (box.clientHeight - rowRect.height) / 2;
  const strike = row.querySelector<HTMLElement>('[data-strike-cell]');
  if (strike) {
    const strikeRect = strike.getBoundingClientRect();
    box.scrollLeft += strikeRect.left - boxRect.left - (box.clientWidth - strikeRect.width) / 2;
  }
  return true;
}

const headerCell = 'px-1 py-1.5 text-right font-medium whitespace-nowrap';

export function ChainTable({
  chain,
  columns,
  onPick,
}: {
  chain: EnrichedChain;
  columns: ChainColumnSet;
  onPick?: ChainRowProps['onPick'];
}) {
  const scrollBox = useRef<HTMLDivElement>(null);
  const centredFor = useRef<string | null>(null);
  const calls = sideColumns('call', columns);
  const puts = sideColumns('put', columns);

  const rows = useMemo(() => {
    const callByStrike = new Map(chain.calls.map((quote) => [quote.strike, quote]));
    const putByStrike = new Map(chain.puts.map((quote) => [quote.strike, quote]));
    return chain.strikes.map((strike) => ({
      strike,
      call: callByStrike.get(strike),
      put: putByStrike.get(strike),
    }));
  }, [chain]);
  const oiScale = useMemo(
    () =>
      niceCeiling(
        Math.max(0, ...chain.calls.map((q) => q.open_interest), ...chain.puts.map((q) => q.open_interest)),
      ),
    [chain],
  );

  // Once per expiry: later snapshots must not pull the table away from where the trader scrolled.
  const expiryKey = `${chain.product}|${chain.expiry}`;
  useEffect(() => {
    if (centredFor.current === expiryKey || !scrollBox.current) return;
    if (centreAtmRow(scrollBox.current)) centredFor.current = expiryKey;
  }, [expiryKey]);

  return (
    <div ref={scrollBox} className="min-h-0 flex-1 overflow-auto overscroll-contain">
      <table
        data-testid="chain-table"
        className="w-full border-separate border-spacing-0 font-mono text-[11px] leading-5"
      >
        <thead className="sticky top-0 z-20 bg-slate-900 text-slate-400">
          <tr className="text-[10px] tracking-wider uppercase">
            <th
              colSpan={calls.length}
              className="border-b border-slate-800 px-2 pt-1.5 text-left text-red-300/90"
            >
              Calls
            </th>
            <th className="sticky right-0 left-0 z-30 border-x border-b border-slate-700 bg-slate-900" />
            <th
              colSpan={puts.length}
              className="border-b border-slate-800 px-2 pt-1.5 text-right text-green-300/90"
            >
              Puts
            </th>
          </tr>
          <tr>
            {calls.map((column) => (
              <th key={column.id} title={column.title} className={`${headerCell} border-b border-slate-700`}>
                {column.label}
              </th>
            ))}
            <th className="sticky right-0 left-0 z-30 border-x border-b border-slate-700 bg-slate-900 px-2 py-1.5 text-center font-medium">
              Strike
            </th>
            {puts.map((column) => (
              <th key={column.id} title={column.title} className={`${headerCell} border-b border-slate-700`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ strike, call, put }) => (
            <ChainRow
              key={strike}
              strike={strike}
              call={call}
              put={put}
              atm={strike === chain.atm_strike}
              callInTheMoney={strike < chain.spot_price}
              putInTheMoney={strike > chain.spot_price}
              columns={columns}
              oiScale={oiScale}
              onPick={onPick}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
