'use client';

import { useMemo } from 'react';
import { useMaxPain } from '../../../client/market-queries';
import type { MaxPainResponse } from '../../../contracts/rest';
import { formatPrice, formatStrike } from '../format';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, MARGIN_WITH_MARKER_LABELS, verticalMarker } from './plotly-theme';
import { QueryState } from './query-state';

function MaxPainFigure({ maxPain }: { maxPain: MaxPainResponse }) {
  const figure = useMemo((): Figure => {
    const { strikes, call_payout: calls, put_payout: puts, total_payout: total } = maxPain.payout_curve;
    const pain = verticalMarker(
      maxPain.max_pain_strike,
      `Max pain ${formatStrike(maxPain.max_pain_strike)}`,
      CHART_COLORS.maxPain,
    );
    const spot = verticalMarker(
      maxPain.spot_price,
      `Spot ${formatPrice(maxPain.spot_price)}`,
      CHART_COLORS.spot,
    );
    // The spot label sits below the max-pain one, so the two never overlap when they are close.
    spot.annotation.yanchor = 'top';
    spot.annotation.y = 0.98;
    return {
      data: [
        {
          type: 'bar',
          name: 'Calls pay',
          x: strikes,
          y: calls,
          marker: { color: CHART_COLORS.call, opacity: 0.75 },
        },
        {
          type: 'bar',
          name: 'Puts pay',
          x: strikes,
          y: puts,
          marker: { color: CHART_COLORS.put, opacity: 0.75 },
        },
        {
          type: 'scatter',
          mode: 'lines',
          name: 'Total payout',
          x: strikes,
          y: total,
          line: { color: CHART_COLORS.total, width: 2 },
        },
      ],
      layout: {
        barmode: 'stack',
        uirevision: `${maxPain.product}|${maxPain.expiry}`,
        hovermode: 'x unified',
        margin: MARGIN_WITH_MARKER_LABELS,
        xaxis: { title: { text: 'Settlement at strike' } },
        yaxis: { title: { text: 'Payout to option holders' }, tickformat: '.2s' },
        shapes: [pain.shape, spot.shape],
        annotations: [pain.annotation, spot.annotation],
      },
    };
  }, [maxPain]);
  return <PlotlyChart testId="chart-max-pain" figure={figure} />;
}

/** What option holders collect if the expiry settles at each strike; the lowest is max pain. */
export function MaxPainChart({ product, expiry }: { product: string; expiry: string }) {
  return (
    <QueryState query={useMaxPain(product, expiry)}>
      {(maxPain) => <MaxPainFigure maxPain={maxPain} />}
    </QueryState>
  );
}
