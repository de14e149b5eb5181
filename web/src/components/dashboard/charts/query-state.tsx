import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PanelMessage } from '../panel';

/** A chart's REST data: the chart once it has arrived, else why not (loading, an error). */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return children(query.data);
  if (query.error) return <PanelMessage tone="error">Could not load: {query.error.message}</PanelMessage>;
  return <PanelMessage>Loading…</PanelMessage>;
}
