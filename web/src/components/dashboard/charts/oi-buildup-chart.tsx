'use client';

import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { Buildup } from '@deltastream/core/schemas';
import { BuildupSchema } from '@deltastream/core/schemas';
import { useOiBuildup } from '../../../client/market-queries';
import type { OiBuildupResponse } from '../../../contracts/rest';
import { formatPrice } from '../format';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, MARGIN_WITH_MARKER_LABELS, verticalMarker } from './plotly-theme';
import { QueryState } from './query-state';

const CLASS_LOOK: Record<Buildup, { label: string; color: string }> = {
  LONG_BUILDUP: { label: 'Long build-up', color: '#22c55e' },
  SHORT_BUILDUP: { label: 'Short build-up', color: '#ef4444' },
  SHORT_COVERING: { label: 'Short covering', color: '#38bdf8' },
  LONG_UNWINDING: { label: 'Long unwinding', color: '#f59e0b' },
  NEUTRAL: { label: 'Neutral', color: '#64748b' },
};

/** The chain's strike step: the smallest gap between neighbouring strikes. */
const strikeStep = (strikes: readonly number[]) =>
  Math.min(...strikes.slice(1).map((strike, i) => strike - strikes[i]!));

function BuildupFigure({ buildup }: { buildup: OiBuildupResponse }) {
  const figure = useMemo((): Figure => {
    // Plotly sizes a trace's bars by the gaps between its own points, and a class present at a few
    // scattered strikes would get bars spanning several: every bar is one strike step wide instead.
    const barWidth = 0.8 * strikeStep(buildup.strikes.map((row) => row.strike));
    // One trace per class and side, so each side has its own row and the legend names the colours. A
    // class appears in the legend once, from whichever side has it (Plotly lists no empty trace).
    const traces = BuildupSchema.options.flatMap((name): Data[] => {
      const look = CLASS_LOOK[name];
      const bySide = (side: 'call' | 'put') => buildup.strikes.filter((row) => row[side]?.buildup === name);
      const calls = bySide('call');
      const puts = bySide('put');
      const trace = (side: 'call' | 'put', rows: typeof calls, showlegend: boolean): Data => ({
        type: 'bar',
        name: look.label,
        legendgroup: name,
        showlegend,
        x: rows.map((row) => row.strike),
        y: rows.map((row) => row[side]!.oi_change),
        yaxis: side === 'call' ? 'y' : 'y2',
        width: Number.isFinite(barWidth) ? barWidth : undefined,
        marker: { color: look.color },
        hovertemplate: `${side === 'call' ? 'Call' : 'Put'} %{x}<br>OI chg (vs prev close) %{y:,}<extra>${look.label}</extra>`,
      });
      return [trace('call', calls, calls.length > 0), trace('put', puts, calls.length === 0)];
    });
    const spot = verticalMarker(
      buildup.spot_price,
      `Spot ${formatPrice(buildup.spot_price)}`,
      CHART_COLORS.spot,
    );
    return {
      data: traces,
      layout: {
        barmode: 'overlay',
        uirevision: `${buildup.product}|${buildup.expiry}`,
        margin: MARGIN_WITH_MARKER_LABELS,
        xaxis: { anchor: 'y2', title: { text: 'Strike' } },
        yaxis: { domain: [0.54, 1], title: { text: 'Calls OI chg (vs prev close)' }, tickformat: '.2s' },
        yaxis2: { domain: [0, 0.46], title: { text: 'Puts OI chg (vs prev close)' }, tickformat: '.2s' },
        shapes: [spot.shape],
        annotations: [spot.annotation],
      },
    };
  }, [buildup]);
  return <PlotlyChart testId="chart-buildup" figure={figure} />;
}

/**
 * OI change since the previous session's close by strike, coloured by what the premium did meanwhile (long/short
 * build-up, covering, unwinding).
 */
export function OiBuildupChart({ product, expiry }: { product: string; expiry: string }) {
  return (
    <QueryState query={useOiBuildup(product, expiry)}>
      {(buildup) => <BuildupFigure buildup={buildup} />}
    </QueryState>
  );
}
