'use client';

import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { PcrResponse } from '../../../contracts/rest';
import { exchangeWallClock } from '../exchange-time';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, exchangeTimeAxis } from './plotly-theme';

/** PCR by open interest and by volume over time: the REST history, extended by every live chain. */
export function PcrTrendChart({ pcr, timeZone }: { pcr: PcrResponse; timeZone: string }) {
  const figure = useMemo((): Figure => {
    const times = pcr.history.map((point) => exchangeWallClock(point.timestamp, timeZone));
    // The dashboard asks for one expiry, so `latest` holds that expiry's newest point.
    const newest = pcr.latest.find((point) => point.expiry === pcr.expiry);
    const newestMs = newest ? Date.parse(newest.timestamp) : Date.now();
    const line = (name: string, y: (number | null)[], color: string, width: number): Data => ({
      type: 'scatter',
      mode: 'lines',
      name,
      x: times,
      y,
      line: { color, width },
    });
    return {
      data: [
        line(
          'PCR (OI)',
          pcr.history.map((point) => point.pcr_oi),
          CHART_COLORS.otm,
          2,
        ),
        line(
          'PCR (volume)',
          pcr.history.map((point) => point.pcr_volume),
          CHART_COLORS.spot,
          1,
        ),
      ],
      layout: {
        uirevision: `${pcr.product}|${pcr.expiry}`,
        hovermode: 'x unified',
        xaxis: exchangeTimeAxis(timeZone, newestMs, '%H:%M:%S'),
        yaxis: { title: { text: 'Put / call' }, tickformat: '.2f' },
        // Above 1 puts outweigh calls.
        shapes: [
          {
            type: 'line',
            xref: 'paper',
            x0: 0,
            x1: 1,
            y0: 1,
            y1: 1,
            line: { color: CHART_COLORS.muted, width: 1, dash: 'dash' },
          },
        ],
      },
    };
  }, [pcr, timeZone]);
  return <PlotlyChart testId="chart-pcr" figure={figure} />;
}
