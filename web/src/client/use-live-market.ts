'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { EnrichedChainSchema, EnrichedUnderlyingSchema } from '@deltastream/core/schemas';
import { writeChain, writeUnderlyingTick } from './market-cache-writes';
import { marketKeys } from './query-keys';
import { openRealtimeSocket } from './realtime-socket';

/**
 * live: connected and subscribed. reconnecting: connecting, or lost and retrying. offline: the browser
 * has no network or the gateway has been unreachable for a while; retries go on in the background.
 */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

/** socket.io backs off 1 s, 2 s, 4 s, 5 s, …: five failed attempts are about 15 s without the gateway. */
const OFFLINE_AFTER_ATTEMPTS = 5;
/**
 * socket.io does not retry a handshake the gateway refused (a rejected token), nor our first token
 * request to web: both are retried after this pause, with a fresh token.
 */
const RETRY_REFUSED_MS = 5_000;

/**
 * Keeps the query cache live: one socket per tab, subscribed to `product`'s ticks and chains, writing
 * every update into the keys the REST queries read (see market-cache-writes.ts). On every reconnect it
 * subscribes again and refetches the market queries, which fills whatever was missed while away.
 */
export function useLiveMarket(product: string | undefined): ConnectionState {
  const queryClient = useQueryClient();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [state, setState] = useState<ConnectionState>('reconnecting');

  useEffect(() => {
    let stopped = false;
    let opened: Socket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let connectedBefore = false;

    const listen = (live: Socket) => {
      live.on('connect', () => {
        setState('live');
        if (connectedBefore) void queryClient.invalidateQueries({ queryKey: marketKeys.all });
        connectedBefore = true;
      });
      live.on('disconnect', (reason) => {
        setState('reconnecting');
        // The only disconnect socket.io does not recover from by itself.
        if (reason === 'io server disconnect') live.connect();
      });
      live.io.on('reconnect_attempt', (attempt) =>
        setState(attempt > OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting'),
      );
      live.on('connect_error', () => {
        if (live.active) return;
        setState('offline');
        clearTimeout(retry);
        retry = setTimeout(() => live.connect(), RETRY_REFUSED_MS);
      });
      live.on('underlying_update', (payload: unknown) => {
        const tick = EnrichedUnderlyingSchema.safeParse(payload);
        if (tick.success) writeUnderlyingTick(queryClient, tick.data);
        else console.warn('dropped a malformed underlying_update', tick.error.issues);
      });
      live.on('chain_update', (payload: unknown) => {
        const chain = EnrichedChainSchema.safeParse(payload);
        if (chain.success) writeChain(queryClient, chain.data);
        else console.warn('dropped a malformed chain_update', chain.error.issues);
      });
      live.on('error', (error: unknown) => console.warn('realtime gateway error', error));
    };

    const open = () => {
      openRealtimeSocket().then(
        (live) => {
          if (stopped) {
            live.disconnect();
            return;
          }
          opened = live;
          listen(live);
          setSocket(live);
        },
        () => {
          if (stopped) return;
          setState('offline');
          retry = setTimeout(open, RETRY_REFUSED_MS);
        },
      );
    };
    open();

    const wentOffline = () => setState('offline');
    window.addEventListener('offline', wentOffline);
    return () => {
      stopped = true;
      clearTimeout(retry);
      window.removeEventListener('offline', wentOffline);
      opened?.disconnect();
      setSocket(null);
    };
  }, [queryClient]);

  useEffect(() => {
    if (!socket || !product) return;
    const subscriptions = [
      { type: 'product', symbol: product },
      { type: 'chain', symbol: product },
    ] as const;
    const subscribe = () => subscriptions.forEach((subscription) => socket.emit('subscribe', subscription));
    if (socket.connected) subscribe();
    socket.on('connect', subscribe);
    return () => {
      socket.off('connect', subscribe);
      // Sent only while connected: queued, it could follow a later subscribe to the same product. A
      // recovered session may keep the old rooms; their updates then only refresh their own keys.
      if (socket.connected) subscriptions.forEach((subscription) => socket.emit('unsubscribe', subscription));
    };
  }, [socket, product]);

  return state;
}
