'use client';

import { useEffect, useRef, useState } from 'react';
import type PlotlyApi from 'plotly.js-dist-min';
import type { Data, Layout } from 'plotly.js-dist-min';
import { PLOTLY_CONFIG, withDarkTemplate } from './plotly-theme';

/** What one chart draws; build it in a useMemo, so a render without new data does not redraw. */
export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

type Plotly = typeof PlotlyApi;

let plotly: Promise<Plotly> | undefined;
/** Plotly touches `window` when it loads, so it is imported in the browser only, once, on first use. */
function loadPlotly(): Promise<Plotly> {
  plotly ??= import('plotly.js-dist-min').then((module) => module.default);
  return plotly;
}

const pointCount = (trace: Data): number => {
  const { x, y, z } = trace as { x?: ArrayLike<unknown>; y?: ArrayLike<unknown>; z?: ArrayLike<unknown> };
  return Math.max(x?.length ?? 0, y?.length ?? 0, z?.length ?? 0);
};

/**
 * One Plotly figure. Updates go through `Plotly.react`, which diffs against the drawn figure, so live
 * data changes the traces in place instead of re-creating the plot, and `layout.uirevision` keeps the
 * user's zoom across them. `data-rendered` turns "true" once a draw has shown at least one point.
 */
export function PlotlyChart({ testId, figure }: { testId: string; figure: Figure }) {
  const ref = useRef<HTMLDivElement>(null);
  const [rendered, setRendered] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    loadPlotly()
      .then(async (Plotly) => {
        if (!current || !ref.current) return;
        await Plotly.react(ref.current, figure.data, withDarkTemplate(figure.layout), PLOTLY_CONFIG);
        if (current) setRendered(figure.data.some((trace) => pointCount(trace) > 0));
      })
      .catch((error: unknown) => {
        if (current) setFailed(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
  }, [figure]);

  // A tab switch, the grid or a rotating phone resizes the container, not only the window.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      void loadPlotly().then((Plotly) => {
        if (element.isConnected && element.classList.contains('js-plotly-plot')) Plotly.Plots.resize(element);
      });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      void loadPlotly().then((Plotly) => Plotly.purge(element));
    };
  }, []);

  return (
    // Fills its flex column, at least 24rem tall; Plotly draws into the absolutely placed box.
    <div className="relative min-h-96 w-full flex-1">
      <div
        ref={ref}
        data-testid={testId}
        data-rendered={rendered ? 'true' : 'false'}
        className="absolute inset-0"
      />
      {failed && (
        <p role="alert" className="absolute inset-0 flex items-center justify-center text-sm text-red-300">
          Chart failed: {failed}
        </p>
      )}
    </div>
  );
}
