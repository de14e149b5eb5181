import type { ReactNode } from 'react';
import { PanelMessage } from './panel';

/**
 * A fetched list where it stands: the error (naming what could not be loaded), a loading line, the
 * empty note, or else the list itself.
 */
export function LoadedList({
  query,
  what,
  loading = 'Loading…',
  isEmpty,
  empty,
  children,
}: {
  query: { error: Error | null; isPending: boolean };
  /** What the list holds, as in "Could not load your alerts". */
  what: string;
  loading?: string;
  isEmpty: boolean;
  /** The note shown when the list is empty; `className` spaces it in its container. */
  empty: { testId: string; note: string; className?: string };
  children: ReactNode;
}) {
  if (query.error)
    return <PanelMessage tone="error">{`Could not load ${what}: ${query.error.message}`}</PanelMessage>;
  if (query.isPending) return <PanelMessage>{loading}</PanelMessage>;
  if (!isEmpty) return children;
  return (
    <p data-testid={empty.testId} className={`text-sm text-slate-500 ${empty.className ?? ''}`}>
      {empty.note}
    </p>
  );
}
