'use client';

import type { FiredAlert } from '@deltastream/core/alerts';
import { useChain, useUnderlying } from '../../client/market-queries';
import { useLiveMarket } from '../../client/use-live-market';
import type { ChosenMarket } from './use-chosen-market';

export type MarketView = ReturnType<typeof useMarketView>;

/**
 * What every market page reads of the chosen product and expiry, kept live: the underlying, the expiry's
 * chain and the realtime connection, subscribed to that expiry and to `alsoLive` (a strategy's legs'
 * expiries). `onAlert` gets the user's alerts arriving on the same socket.
 */
export function useMarketView(
  market: ChosenMarket,
  { alsoLive = [], onAlert }: { alsoLive?: readonly string[]; onAlert?: (alert: FiredAlert) => void } = {},
) {
  const { symbol, expiry } = market;
  const connection = useLiveMarket(symbol, expiry ? [expiry, ...alsoLive] : alsoLive, onAlert);
  const underlying = useUnderlying(symbol);
  const chainQuery = useChain(symbol, expiry);
  return { market, connection, underlying, chainQuery, chain: chainQuery.data?.chains[0] };
}
