import type { Annotation, Config, Layout, Shape } from 'plotly.js-dist-min';

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

export const PLOTLY_CONFIG: Partial<Config> = {
  displaylogo: false,
  displayModeBar: 'hover',
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
    x: 0,
    y: 1.02,
    yanchor: 'bottom',
    bgcolor: 'rgba(0,0,0,0)',
    font: { size: 10 },
  },
  hoverlabel: { bgcolor: '#0f172a', bordercolor: CHART_COLORS.axis, font: { color: '#f1f5f9', size: 11 } },
  margin: { l: 48, r: 12, t: 28, b: 36 },
};

export function withDarkTemplate(layout: Partial<Layout> = {}): Partial<Layout> {
  return { autosize: true, ...layout, template: { layout: DARK_TEMPLATE } };
}

/** A vertical marker across the plot at `x` (spot, max pain), labelled at the top. */
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
