import type { StrategyAnalysis } from '@deltastream/core/strategy';
import type { Figure } from '../dashboard/charts/plotly-chart';
import { CHART_COLORS, MARGIN_WITH_MARKER_LABELS, verticalMarker } from '../dashboard/charts/plotly-theme';
import { formatExchangeTime } from '../dashboard/exchange-time';
import { formatDecimal, formatExpiry, formatPrice, formatSigned } from '../dashboard/format';

const SIGMA_BAND_FILL = 'rgba(56, 189, 248, 0.08)';
const BREAKEVEN_COLOR = CHART_COLORS.otm;

/** The what-if curve's name: now, or the scenario's days forward and IV shift. */
export function scenarioLabel(analysis: StrategyAnalysis, timeZone: string): string {
  const { days_forward: days, iv_shift_pct: shift } = analysis.scenario;
  if (days === 0 && shift === 0) return `Now · ${formatExchangeTime(Date.parse(analysis.as_of), timeZone)}`;
  const parts = [days > 0 ? `T+${formatDecimal(days, Number.isInteger(days) ? 0 : 1)}d` : 'Now'];
  if (shift !== 0) parts.push(`IV ${formatSigned(shift, 1)} pt`);
  return parts.join(' · ');
}

/**
 * The payoff chart: P&L at the nearest expiry and now (or at the what-if) over the analysis's grid, spot
 * and each breakeven at expiry marked, and the ±1σ band of the nearest expiry (spot ± one_sigma_move)
 * shaded. `revision` names the strategy: the trader's zoom holds while the market moves it.
 */
export function payoffFigure(
  analysis: StrategyAnalysis,
  options: { timeZone: string; currency: string; revision: string },
): Figure {
  const { curve, at_expiry: atExpiry, spot_price: spot } = analysis;
  const spotMarker = verticalMarker(spot, `Spot ${formatPrice(spot)}`, CHART_COLORS.spot);
  const breakevens = atExpiry.breakevens.map((price) => {
    const marker = verticalMarker(price, `BE ${formatPrice(price)}`, BREAKEVEN_COLOR);
    // At the foot of the plot, clear of the spot's label at its head.
    marker.annotation.y = 0;
    return marker;
  });
  const move = atExpiry.one_sigma_move;
  const band =
    move === null
      ? []
      : [
          {
            type: 'rect' as const,
            xref: 'x' as const,
            yref: 'paper' as const,
            x0: spot - move,
            x1: spot + move,
            y0: 0,
            y1: 1,
            fillcolor: SIGMA_BAND_FILL,
            line: { width: 0 },
            layer: 'below' as const,
          },
        ];
  const bandLabel =
    move === null
      ? []
      : [
          {
            x: spot - move,
            y: 1,
            xref: 'x' as const,
            yref: 'paper' as const,
            text: '±1σ',
            showarrow: false,
            xanchor: 'left' as const,
            yanchor: 'top' as const,
            font: { color: CHART_COLORS.muted, size: 10 },
          },
        ];
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        name: `At expiry · ${formatExpiry(analysis.nearest_expiry)}`,
        x: curve.prices,
        y: curve.pnl_at_expiry,
        line: { color: CHART_COLORS.total, width: 2 },
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: scenarioLabel(analysis, options.timeZone),
        x: curve.prices,
        y: curve.pnl,
        line: { color: CHART_COLORS.spot, width: 2, dash: 'dash' },
      },
    ],
    layout: {
      uirevision: options.revision,
      hovermode: 'x unified',
      margin: MARGIN_WITH_MARKER_LABELS,
      xaxis: { title: { text: 'Underlying price' } },
      yaxis: { title: { text: `P&L (${options.currency})` }, tickformat: '~s', zeroline: true },
      shapes: [...band, spotMarker.shape, ...breakevens.map((marker) => marker.shape)],
      annotations: [...bandLabel, spotMarker.annotation, ...breakevens.map((marker) => marker.annotation)],
    },
  };
}
