'use client';

import { useMemo } from 'react';
import type { Dash, Data } from 'plotly.js-dist-min';
import { useTermStructure } from '../../../client/market-queries';
import {
  TERM_STRUCTURE_SNAPSHOTS,
  type TermStructureResponse,
  type TermStructureSnapshot,
} from '../../../contracts/volatility-history';
import { formatExchangeDateTime } from '../exchange-time';
import { formatExpiry } from '../format';
import { PanelMessage } from '../panel';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, toVolPoints } from './plotly-theme';
import { QueryState } from './query-state';

const LINES: Record<TermStructureSnapshot, { label: string; color: string; dash: Dash; width: number }> = {
  now: { label: 'Now', color: CHART_COLORS.otm, dash: 'solid', width: 2.5 },
  '1d_ago': { label: 'A day ago', color: CHART_COLORS.spot, dash: 'dash', width: 1.5 },
  '1w_ago': { label: 'A week ago', color: CHART_COLORS.maxPain, dash: 'dot', width: 1.5 },
};

function TermStructureFigure({ terms, timeZone }: { terms: TermStructureResponse; timeZone: string }) {
  const figure = useMemo((): Figure => {
    const taken: Record<TermStructureSnapshot, string | null> = {
      now: terms.timestamp,
      '1d_ago': terms.timestamp_1d_ago,
      '1w_ago': terms.timestamp_1w_ago,
    };
    // Each curve at its own days to expiry then: the same contract sits a day or a week further out.
    const data = TERM_STRUCTURE_SNAPSHOTS.flatMap((snapshot): Data[] => {
      const rows = terms.curves.filter((row) => row.snapshot === snapshot);
      const at = taken[snapshot];
      if (rows.length === 0 || at === null) return [];
      const { label, color, dash, width } = LINES[snapshot];
      const name = `${label} · ${formatExchangeDateTime(Date.parse(at), timeZone)}`;
      return [
        {
          type: 'scatter',
          mode: 'lines+markers',
          name,
          x: rows.map((row) => row.days_to_expiry),
          y: toVolPoints(rows.map((row) => row.atm_iv)),
          text: rows.map((row) => formatExpiry(row.expiry)),
          line: { color, dash, width },
          marker: { size: 5, color },
          connectgaps: false,
          hovertemplate: `%{text} (%{x} days): %{y:.1f}%<extra>${label}</extra>`,
        },
      ];
    });
    return {
      data,
      layout: {
        uirevision: terms.product,
        hovermode: 'closest',
        xaxis: { title: { text: 'Calendar days to expiry' }, rangemode: 'tozero' },
        yaxis: { title: { text: 'ATM IV (%)' }, ticksuffix: '%' },
      },
    };
  }, [terms, timeZone]);
  return <PlotlyChart testId="chart-term-structure" figure={figure} />;
}

/** ATM IV by days to expiry now, a day ago and a week ago, times on the exchange's clock. */
export function TermStructureChart({ product, timeZone }: { product: string; timeZone: string }) {
  return (
    <QueryState query={useTermStructure(product)}>
      {(terms) =>
        terms.timestamp === null ? (
          <PanelMessage>No option chains stored yet.</PanelMessage>
        ) : (
          <TermStructureFigure terms={terms} timeZone={timeZone} />
        )
      }
    </QueryState>
  );
}
