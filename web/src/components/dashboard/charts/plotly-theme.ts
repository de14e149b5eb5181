import type { Annotation, Config, Layout, LayoutAxis, Shape } from 'plotly.js-dist-min';
import { timeZoneLabel } from '../exchange-time';

/** One meaning per colour on every chart: calls red and puts green, as exchange OI charts show them. */
export const CHART_COLORS = {
  call: '#f87171',
  put: '#4ade80',
  otm: '#facc15',
  spot: '#38bdf8',
  maxPain: '#c084fc',
  total: '#e2e8f0',
  up: '#22c55e',
  down: '#ef4444',
  grid: '#1e293b',
  axis: '#334155',
  text: '#cbd5e1',
  muted: '#64748b',
} as const;

/**
 * The toolbar (modebar) is always shown, since a phone has no hover to reveal it, in a strip of its own
 * at the top of every figure: the template's top margin keeps the plot and its labels below it, and the
 * legend sits at the bottom, where it can wrap onto more lines without running under the toolbar.
 */
export const MODEBAR_STRIP_PX = 30;
/** The strip plus a row for the labels of vertical markers, which sit just above the plot. */
export const MARGIN_WITH_MARKER_LABELS: Layout['margin'] = { t: MODEBAR_STRIP_PX + 18 };

export const PLOTLY_CONFIG: Partial<Config> = {
  displaylogo: false,
  displayModeBar: true,
  // Plotly would otherwise offer to upload the chart, market data and all, to its cloud.
  showSendToCloud: false,
  modeBarButtonsToRemove: ['lasso2d', 'select2d', 'autoScale2d'],
  // The container's ResizeObserver resizes the plot; Plotly's own handler only watches the window.
  responsive: false,
};

const axis = {
  gridcolor: CHART_COLORS.grid,
  zerolinecolor: CHART_COLORS.axis,
  linecolor: CHART_COLORS.axis,
  tickfont: { size: 10 },
  automargin: true,
};

/** Plotly's template mechanism applies the axis defaults to every axis (yaxis2, the 3D scene's too). */
const DARK_TEMPLATE: Partial<Layout> = {
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { color: CHART_COLORS.text, size: 11, family: 'ui-sans-serif, system-ui, sans-serif' },
  colorway: [CHART_COLORS.call, CHART_COLORS.put, CHART_COLORS.otm, CHART_COLORS.spot, CHART_COLORS.maxPain],
  xaxis: axis,
  yaxis: axis,
  scene: { xaxis: axis, yaxis: axis, zaxis: axis },
  legend: {
    orientation: 'h',
    xref: 'container',
    x: 0,
    yref: 'container',
    y: 0,
    yanchor: 'bottom',
    bgcolor: 'rgba(0,0,0,0)',
    font: { size: 10 },
  },
  hoverlabel: { bgcolor: '#0f172a', bordercolor: CHART_COLORS.axis, font: { color: '#f1f5f9', size: 11 } },
  margin: { l: 48, r: 12, t: MODEBAR_STRIP_PX, b: 36 },
};

/** Volatilities as decimals (0.135) in vol points (13.5), the unit of every IV axis; null stays a gap. */
export const toVolPoints = (ivs: readonly (number | null)[]) =>
  ivs.map((iv) => (iv === null ? null : iv * 100));

export function withDarkTemplate(layout: Partial<Layout> = {}): Partial<Layout> {
  return { autosize: true, ...layout, template: { layout: DARK_TEMPLATE } };
}

/** A vertical marker across the plot at `x` (spot, max pain), labelled at the top: see MARGIN_WITH_MARKER_LABELS. */
export function verticalMarker(
  x: number,
  label: string,
  color: string,
): { shape: Partial<Shape>; annotation: Partial<Annotation> } {
  return {
    shape: {
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: x,
      x1: x,
      y0: 0,
      y1: 1,
      line: { color, width: 1, dash: 'dot' },
    },
    annotation: {
      x,
      y: 1,
      xref: 'x',
      yref: 'paper',
      text: label,
      showarrow: false,
      yanchor: 'bottom',
      font: { color, size: 10 },
      bgcolor: 'rgba(2,6,23,0.7)',
    },
  };
}

/**
 * A date axis of times on the exchange's clock (the x values come from exchangeWallClock): Plotly has
 * no time zones, so its title and hover label carry the zone's label, taken at `instantMs`.
 */
export function exchangeTimeAxis(
  timeZone: string,
  instantMs: number,
  hoverformat: string,
): Partial<LayoutAxis> {
  const label = timeZoneLabel(timeZone, instantMs);
  return { type: 'date', title: { text: `Time (${label})` }, hoverformat: `${hoverformat} ${label}` };
}
