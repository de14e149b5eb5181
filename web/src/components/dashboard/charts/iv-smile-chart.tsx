'use client';

import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import { ivSmile } from '@deltastream/core/analytics';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { formatPrice } from '../format';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, MARGIN_WITH_MARKER_LABELS, toVolPoints, verticalMarker } from './plotly-theme';

/** Call, put and out-of-the-money IV by strike of the chain on screen (core's ivSmile, live with it). */
export function IvSmileChart({ chain }: { chain: EnrichedChain }) {
  const figure = useMemo((): Figure => {
    const smile = ivSmile(chain.calls, chain.puts, chain.spot_price);
    const line = (name: string, y: (number | null)[], color: string, width: number): Data => ({
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: smile.strikes,
      y: toVolPoints(y),
      line: { color, width },
      marker: { size: 4 },
      connectgaps: false,
    });
    const spot = verticalMarker(chain.spot_price, `Spot ${formatPrice(chain.spot_price)}`, CHART_COLORS.spot);
    return {
      data: [
        line('Call IV', smile.call_iv, CHART_COLORS.call, 1),
        line('Put IV', smile.put_iv, CHART_COLORS.put, 1),
        line('OTM IV', smile.otm_iv, CHART_COLORS.otm, 2.5),
      ],
      layout: {
        uirevision: `${chain.product}|${chain.expiry}`,
        hovermode: 'x unified',
        margin: MARGIN_WITH_MARKER_LABELS,
        xaxis: { title: { text: 'Strike' } },
        yaxis: { title: { text: 'IV (%)' }, ticksuffix: '%' },
        shapes: [spot.shape],
        annotations: [spot.annotation],
      },
    };
  }, [chain]);
  return <PlotlyChart testId="chart-smile" figure={figure} />;
}
