import type { ConnectionState } from '../../client/use-live-market';

const LOOK: Record<ConnectionState, { label: string; dot: string; text: string }> = {
  live: { label: 'Live', dot: 'bg-green-400 animate-pulse', text: 'text-green-300' },
  reconnecting: { label: 'Connecting…', dot: 'bg-amber-400', text: 'text-amber-300' },
  offline: { label: 'Offline', dot: 'bg-red-500', text: 'text-red-300' },
};

const TITLE: Record<ConnectionState, string> = {
  live: 'Receiving live updates',
  reconnecting: 'Connecting to the live feed; data shown may be a few seconds old',
  offline: 'The live feed is unreachable; retrying in the background',
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { label, dot, text } = LOOK[state];
  return (
    <span
      data-testid="connection-status"
      data-state={state}
      role="status"
      title={TITLE[state]}
      className={`inline-flex items-center gap-1.5 rounded-full border border-slate-700 px-2 py-0.5 text-xs font-medium ${text}`}
    >
      <span className={`size-2 rounded-full ${dot}`} aria-hidden />
      {label}
    </span>
  );
}
