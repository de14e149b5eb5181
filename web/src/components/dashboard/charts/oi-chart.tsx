'use client';

import { useMemo } from 'react';
import type { Data } from 'plotly.js-dist-min';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { formatPrice } from '../format';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, MARGIN_WITH_MARKER_LABELS, verticalMarker } from './plotly-theme';

/** Open interest by strike (top) and its change since the previous session's close (bottom), calls vs puts. */
export function OiChart({ chain }: { chain: EnrichedChain }) {
  const figure = useMemo((): Figure => {
    const side = (quotes: EnrichedChain['calls'], name: string, color: string): Data[] => {
      const strikes = quotes.map((q) => q.strike);
      return [
        {
          type: 'bar',
          name: `${name} OI`,
          x: strikes,
          y: quotes.map((q) => q.open_interest),
          marker: { color },
          legendgroup: name,
        },
        {
          type: 'bar',
          name: `${name} OI chg (vs prev close)`,
          x: strikes,
          y: quotes.map((q) => q.oi_change),
          yaxis: 'y2',
          marker: { color, opacity: 0.55 },
          legendgroup: name,
          showlegend: false,
        },
      ];
    };
    const spot = verticalMarker(chain.spot_price, `Spot ${formatPrice(chain.spot_price)}`, CHART_COLORS.spot);
    return {
      data: [...side(chain.calls, 'Call', CHART_COLORS.call), ...side(chain.puts, 'Put', CHART_COLORS.put)],
      layout: {
        barmode: 'group',
        bargap: 0.15,
        uirevision: `${chain.product}|${chain.expiry}`,
        margin: MARGIN_WITH_MARKER_LABELS,
        xaxis: { anchor: 'y2', title: { text: 'Strike' } },
        yaxis: { domain: [0.38, 1], title: { text: 'OI' }, tickformat: '.2s' },
        yaxis2: { domain: [0, 0.3], title: { text: 'OI chg (vs prev close)' }, tickformat: '.2s' },
        shapes: [spot.shape],
        annotations: [spot.annotation],
      },
    };
  }, [chain]);
  return <PlotlyChart testId="chart-oi" figure={figure} />;
}
