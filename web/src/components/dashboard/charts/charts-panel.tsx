'use client';

import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { MARKET_READS } from '../../../client/market-queries';
import type { PcrResponse } from '../../../contracts/rest';
import { DownloadCsvLink } from '../download-csv';
import { Panel, PanelMessage } from '../panel';
import { IvHistoryChart } from './iv-history-chart';
import { IvSmileChart } from './iv-smile-chart';
import { IvSurfaceChart } from './iv-surface-chart';
import { MaxPainChart } from './max-pain-chart';
import { OhlcChart } from './ohlc-chart';
import { OiBuildupChart } from './oi-buildup-chart';
import { OiChart } from './oi-chart';
import { PcrTrendChart } from './pcr-trend-chart';
import { QueryState } from './query-state';
import { TermStructureChart } from './term-structure-chart';

const CHARTS = [
  { id: 'oi', label: 'OI' },
  { id: 'max-pain', label: 'Max pain' },
  { id: 'smile', label: 'IV smile' },
  { id: 'surface', label: 'IV surface' },
  { id: 'iv-history', label: 'IV history' },
  { id: 'term-structure', label: 'Term structure' },
  { id: 'pcr', label: 'PCR' },
  { id: 'ohlc', label: 'Candles' },
  { id: 'buildup', label: 'OI build-up' },
] as const;
type ChartId = (typeof CHARTS)[number]['id'];

interface ChartsPanelProps {
  product: string;
  expiry: string;
  timeZone: string;
  chain: EnrichedChain | undefined;
  pcr: UseQueryResult<PcrResponse>;
}

/** Only the open chart is mounted: the others neither fetch nor redraw on every live update. */
function OpenChart({ id, product, expiry, timeZone, chain, pcr }: ChartsPanelProps & { id: ChartId }) {
  const fromChain = (draw: (chain: EnrichedChain) => ReactNode) =>
    chain ? draw(chain) : <PanelMessage>Waiting for the option chain…</PanelMessage>;
  switch (id) {
    case 'oi':
      return fromChain((c) => <OiChart chain={c} />);
    case 'max-pain':
      return <MaxPainChart product={product} expiry={expiry} />;
    case 'smile':
      return fromChain((c) => <IvSmileChart chain={c} />);
    case 'surface':
      return <IvSurfaceChart product={product} timeZone={timeZone} />;
    case 'iv-history':
      return <IvHistoryChart product={product} timeZone={timeZone} />;
    case 'term-structure':
      return <TermStructureChart product={product} timeZone={timeZone} />;
    case 'pcr':
      return (
        <>
          <div className="flex items-center justify-end gap-2 px-3 pt-2 text-xs text-slate-400">
            <DownloadCsvLink
              path={MARKET_READS.pcr(product, expiry)}
              testId="pcr-download-csv"
              what="this expiry's PCR trend"
            />
          </div>
          <QueryState query={pcr}>{(data) => <PcrTrendChart pcr={data} timeZone={timeZone} />}</QueryState>
        </>
      );
    case 'ohlc':
      return <OhlcChart product={product} timeZone={timeZone} />;
    case 'buildup':
      return <OiBuildupChart product={product} expiry={expiry} />;
  }
}

export function ChartsPanel({ className, ...props }: ChartsPanelProps & { className: string }) {
  const [open, setOpen] = useState<ChartId>('oi');
  return (
    <Panel title="Charts" className={className}>
      {/* Tabs wrap rather than scroll: on a phone every chart stays one tap away. */}
      <div
        role="tablist"
        aria-label="Charts"
        className="flex flex-wrap gap-1 border-b border-slate-800 px-2 py-1.5"
      >
        {CHARTS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={open === id}
            data-testid={`chart-tab-${id}`}
            onClick={() => setOpen(id)}
            className={`shrink-0 rounded px-2 py-1 text-xs font-medium whitespace-nowrap ${open === id ? 'bg-sky-500/15 text-sky-200 ring-1 ring-sky-500/60' : 'text-slate-400 hover:bg-slate-800 hover:text-slate-200'}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="flex min-h-96 flex-1 flex-col">
        <OpenChart id={open} {...props} />
      </div>
    </Panel>
  );
}
