'use client';

import { useMemo } from 'react';
import { useVolatilitySurface } from '../../../client/market-queries';
import type { VolatilitySurfaceResponse } from '../../../contracts/rest';
import { daysToExpiry } from '../exchange-time';
import { formatExpiry } from '../format';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, MODEBAR_STRIP_PX, toVolPoints } from './plotly-theme';
import { QueryState } from './query-state';

/** Dark blue through teal to yellow: low vol recedes, the wings and the front stand out. */
const VOL_COLORSCALE: [number, string][] = [
  [0, '#1e3a8a'],
  [0.35, '#0e7490'],
  [0.65, '#22c55e'],
  [1, '#facc15'],
];

function SurfaceFigure({ surface, timeZone }: { surface: VolatilitySurfaceResponse; timeZone: string }) {
  const figure = useMemo((): Figure => {
    const now = Date.parse(surface.timestamp);
    // Expiries sit at their distance in days, so the term structure keeps its true shape.
    const days = surface.expiries.map((expiry) => daysToExpiry(expiry, timeZone, now));
    return {
      data: [
        {
          type: 'surface',
          name: 'IV',
          x: surface.strikes,
          y: days,
          z: surface.iv.map(toVolPoints),
          colorscale: VOL_COLORSCALE,
          colorbar: { title: { text: 'IV %' }, thickness: 10, len: 0.7, tickfont: { size: 9 } },
          contours: {
            z: { show: true, usecolormap: true, highlightcolor: CHART_COLORS.total, project: { z: false } },
          },
          hovertemplate: 'Strike %{x}<br>%{y} days<br>IV %{z:.1f}%<extra></extra>',
        },
      ],
      layout: {
        uirevision: surface.product,
        margin: { l: 0, r: 0, t: MODEBAR_STRIP_PX, b: 0 },
        scene: {
          xaxis: { title: { text: 'Strike' } },
          yaxis: {
            title: { text: 'Expiry' },
            tickvals: days,
            ticktext: surface.expiries.map(formatExpiry),
          },
          zaxis: { title: { text: 'IV %' } },
          camera: { eye: { x: 1.6, y: -1.6, z: 0.9 } },
          aspectmode: 'manual',
          aspectratio: { x: 1.4, y: 1, z: 0.7 },
        },
      },
    };
  }, [surface, timeZone]);
  return <PlotlyChart testId="chart-surface" figure={figure} />;
}

/** Implied volatility across strikes and every live expiry. */
export function IvSurfaceChart({ product, timeZone }: { product: string; timeZone: string }) {
  return (
    <QueryState query={useVolatilitySurface(product)}>
      {(surface) => <SurfaceFigure surface={surface} timeZone={timeZone} />}
    </QueryState>
  );
}
