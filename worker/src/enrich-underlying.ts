import type { EnrichedUnderlying, UnderlyingTick } from '@deltastream/core/schemas';

/** The tick with its change against the session's opening price. */
export function enrichUnderlying(
  tick: UnderlyingTick,
  sessionOpen: number,
  processedAt: string,
): EnrichedUnderlying {
  const change = tick.price - sessionOpen;
  return {
    ...tick,
    type: 'UNDERLYING_ENRICHED',
    change,
    change_pct: (change / sessionOpen) * 100,
    session_open: sessionOpen,
    processed_at: processedAt,
  };
}
