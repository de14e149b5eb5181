'use client';

import { useMemo, useState } from 'react';
import { MARKET_READS, useOhlc } from '../../../client/market-queries';
import { DownloadCsvLink } from '../download-csv';
import type { CandleInterval } from '../../../client/query-keys';
import type { OhlcResponse } from '../../../contracts/rest';
import { exchangeWallClock } from '../exchange-time';
import { LabelledSelect } from '../labelled-select';
import { PlotlyChart, type Figure } from './plotly-chart';
import { CHART_COLORS, exchangeTimeAxis } from './plotly-theme';
import { QueryState } from './query-state';

const INTERVALS: readonly CandleInterval[] = ['1m', '5m', '15m', '1h', '1d'];

function CandlesFigure({ ohlc, timeZone }: { ohlc: OhlcResponse; timeZone: string }) {
  const figure = useMemo((): Figure => {
    const { candles } = ohlc;
    const lastBucket = candles.at(-1);
    return {
      data: [
        {
          type: 'candlestick',
          name: ohlc.product,
          x: candles.map((candle) => exchangeWallClock(candle.bucket_start, timeZone)),
          open: candles.map((candle) => candle.open),
          high: candles.map((candle) => candle.high),
          low: candles.map((candle) => candle.low),
          close: candles.map((candle) => candle.close),
          increasing: { line: { color: CHART_COLORS.up }, fillcolor: CHART_COLORS.up },
          decreasing: { line: { color: CHART_COLORS.down }, fillcolor: CHART_COLORS.down },
        },
      ],
      layout: {
        uirevision: `${ohlc.product}|${ohlc.interval}`,
        showlegend: false,
        hovermode: 'x unified',
        xaxis: {
          ...exchangeTimeAxis(
            timeZone,
            lastBucket ? Date.parse(lastBucket.bucket_start) : Date.now(),
            '%b %d %H:%M',
          ),
          rangeslider: { visible: false },
        },
        yaxis: { title: { text: ohlc.product } },
      },
    };
  }, [ohlc, timeZone]);
  return <PlotlyChart testId="chart-ohlc" figure={figure} />;
}

/** Candles of the underlying in the exchange's time, the last one growing with every live tick. */
export function OhlcChart({ product, timeZone }: { product: string; timeZone: string }) {
  const [interval, setCandleInterval] = useState<CandleInterval>('1m');
  const ohlc = useOhlc(product, interval);
  return (
    <>
      <div className="flex items-center justify-end gap-2 px-3 pt-2 text-xs text-slate-400">
        Interval
        <LabelledSelect
          label="Candle interval"
          testId="ohlc-interval"
          value={interval}
          onChange={(event) => setCandleInterval(event.target.value as CandleInterval)}
        >
          {INTERVALS.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </LabelledSelect>
        <DownloadCsvLink
          path={MARKET_READS.ohlc(product, interval)}
          testId="ohlc-download-csv"
          what={`the ${interval} candles`}
        />
      </div>
      <QueryState query={ohlc}>{(data) => <CandlesFigure ohlc={data} timeZone={timeZone} />}</QueryState>
    </>
  );
}
