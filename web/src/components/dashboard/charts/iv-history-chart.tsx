'use client';

import { useMemo } from 'react';
import type { Dash, Data } from 'plotly.js-dist-min';
import { MARKET_READS, useIvHistory } from '../../../client/market-queries';
import { DownloadCsvLink } from '../download-csv';
import type { IvHistoryPoint, IvHistoryResponse } from '../../../contracts/volatility-history';
import { timeZoneLabel } from '../exchange-time';
import { formatDecimal, formatVolPoints } from '../format';
import { PanelMessage } from '../panel';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, toVolPoints } from './plotly-theme';
import { QueryState } from './query-state';

/** The rank band: the 30-day IV's low–high range over the IV rank's lookback, faintly shaded. */
const BAND_FILL = 'rgba(250, 204, 21, 0.12)';

function IvHistoryFigure({ history, timeZone }: { history: IvHistoryResponse; timeZone: string }) {
  const figure = useMemo((): Figure => {
    const { points, rank } = history;
    const dates = points.map((point) => point.date);
    // Simulated and live days are separate lines, so the backfill never passes for the market.
    // Live days carry markers: after a fresh start the first of them is a lone point, which a line alone
    // would not draw.
    const line = (source: IvHistoryPoint['source'], name: string, color: string, dash: Dash): Data => {
      const own = points.filter((point) => point.source === source);
      return {
        type: 'scatter',
        mode: source === 'live' ? 'lines+markers' : 'lines',
        marker: { size: 4, color },
        name,
        x: own.map((point) => point.date),
        y: toVolPoints(own.map((point) => point.iv_30d)),
        line: { color, width: 2, dash },
        connectgaps: false,
        hovertemplate: `%{y:.1f}%<extra>${name}</extra>`,
      };
    };
    const { low_iv: low, high_iv: high } = rank;
    const first = dates[0];
    const last = dates.at(-1);
    const band: Data[] =
      low === null || high === null || first === undefined || last === undefined
        ? []
        : [
            {
              type: 'scatter',
              mode: 'lines',
              x: [first, last],
              y: [low * 100, low * 100],
              line: { width: 0 },
              hoverinfo: 'skip',
              showlegend: false,
            },
            {
              type: 'scatter',
              mode: 'lines',
              name: `${rank.lookback_days}-day range ${formatVolPoints(low)}–${formatVolPoints(high)}%${rank.iv_rank === null ? '' : ` · IV rank ${formatDecimal(rank.iv_rank, 0)}`}`,
              x: [first, last],
              y: [high * 100, high * 100],
              fill: 'tonexty',
              fillcolor: BAND_FILL,
              line: { width: 0 },
              hoverinfo: 'skip',
            },
          ];
    return {
      data: [
        ...band,
        line('simulated', '30-day IV · simulated', CHART_COLORS.muted, 'dot'),
        line('live', '30-day IV · live', CHART_COLORS.otm, 'solid'),
      ],
      layout: {
        uirevision: history.product,
        hovermode: 'x unified',
        xaxis: {
          type: 'date',
          title: { text: `Exchange date (${timeZoneLabel(timeZone, Date.now())})` },
          hoverformat: '%d %b %Y',
        },
        yaxis: { title: { text: '30-day ATM IV (%)' }, ticksuffix: '%' },
      },
    };
  }, [history, timeZone]);
  return <PlotlyChart testId="chart-iv-history" figure={figure} />;
}

/** The daily closing 30-day IV over the last year, its low–high band, simulated days drawn apart. */
export function IvHistoryChart({ product, timeZone }: { product: string; timeZone: string }) {
  return (
    <>
      <div className="flex items-center justify-end gap-2 px-3 pt-2 text-xs text-slate-400">
        <DownloadCsvLink
          path={MARKET_READS.ivHistory(product)}
          testId="iv-history-download-csv"
          what="the daily IV history"
        />
      </div>
      <QueryState query={useIvHistory(product)}>
        {(history) =>
          history.points.length === 0 ? (
            <PanelMessage>No IV history yet: the worker records it once a minute.</PanelMessage>
          ) : (
            <IvHistoryFigure history={history} timeZone={timeZone} />
          )
        }
      </QueryState>
    </>
  );
}
