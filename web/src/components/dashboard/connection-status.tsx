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

/**
 * The socket's state and, when the newest data is too old (data-freshness.ts), since when: then it
 * never reads "Live", whatever the socket says.
 */
export function ConnectionStatus({
  state,
  staleSince,
}: {
  state: ConnectionState;
  /** The newest data's time on the exchange's clock, when that is stale. */
  staleSince: string | null;
}) {
  const look = LOOK[state];
  const stale = staleSince !== null;
  return (
    <span
      data-testid="connection-status"
      data-state={state}
      data-stale={stale ? 'true' : undefined}
      role="status"
      title={
        stale
          ? `Nothing new since ${staleSince}: prices and the chain are as of then. ${TITLE[state]}.`
          : TITLE[state]
      }
      className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${stale ? 'border-amber-500/70 bg-amber-500/10 text-amber-200' : `border-slate-700 ${look.text}`}`}
    >
      <span className={`size-2 rounded-full ${stale ? 'bg-amber-400' : look.dot}`} aria-hidden />
      {stale ? (
        <span data-testid="stale-since">
          {state === 'live' ? 'Stale' : `${look.label} · stale`} since {staleSince}
        </span>
      ) : (
        look.label
      )}
    </span>
  );
}
