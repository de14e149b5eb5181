'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FiredAlert } from '@deltastream/core/alerts';
import {
  CLIENT_EVENTS,
  SERVER_EVENT_SCHEMAS,
  SERVER_EVENTS,
  type SubscriptionRequest,
} from '@deltastream/core/socket';
import { writeChain, writeUnderlyingTick } from './market-cache-writes';
import { alertKeys, marketKeys } from './query-keys';
import { openRealtimeSocket, type RealtimeSocket } from './realtime-socket';

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
 * Keeps the query cache live: one socket per tab, subscribed to `product`'s ticks and to the chain of
 * each expiry on screen (the dashboard's one, a strategy's legs'), writing every update into the keys the
 * REST queries read (see market-cache-writes.ts). A session the gateway recovered after a short drop gets
 * what it missed replayed; any other reconnect subscribes again and refetches the market queries, which
 * fills whatever was missed while away.
 *
 * The gateway also sends this user's own alerts on the same socket (`alert`, to their user room): each
 * refreshes the alert list and history and is handed to `onAlert` (the dashboard's toast).
 */
export function useLiveMarket(
  product: string | undefined,
  expiries: readonly string[],
  onAlert?: (alert: FiredAlert) => void,
): ConnectionState {
  const queryClient = useQueryClient();
  // The latest callback, read when an alert arrives: a new function each render must not reopen the socket.
  const alertHandler = useRef(onAlert);
  useEffect(() => {
    alertHandler.current = onAlert;
  }, [onAlert]);
  const [socket, setSocket] = useState<RealtimeSocket | null>(null);
  const [state, setState] = useState<ConnectionState>('reconnecting');

  useEffect(() => {
    let stopped = false;
    let opened: RealtimeSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let connectedBefore = false;

    const listen = (live: RealtimeSocket) => {
      live.on('connect', () => {
        setState('live');
        if (connectedBefore && !live.recovered) {
          void queryClient.invalidateQueries({ queryKey: marketKeys.all });
          // Alerts that fired while away are in the history, though no toast was shown for them.
          void queryClient.invalidateQueries({ queryKey: alertKeys.all });
        }
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
      // Typed by the contract, and still validated: the payload crossed a process boundary.
      live.on(SERVER_EVENTS.underlyingUpdate, (payload) => {
        const tick = SERVER_EVENT_SCHEMAS[SERVER_EVENTS.underlyingUpdate].safeParse(payload);
        if (tick.success) writeUnderlyingTick(queryClient, tick.data);
        else console.warn(`dropped a malformed ${SERVER_EVENTS.underlyingUpdate}`, tick.error.issues);
      });
      live.on(SERVER_EVENTS.chainUpdate, (payload) => {
        const chain = SERVER_EVENT_SCHEMAS[SERVER_EVENTS.chainUpdate].safeParse(payload);
        if (chain.success) writeChain(queryClient, chain.data);
        else console.warn(`dropped a malformed ${SERVER_EVENTS.chainUpdate}`, chain.error.issues);
      });
      live.on(SERVER_EVENTS.alert, (payload) => {
        const fired = SERVER_EVENT_SCHEMAS[SERVER_EVENTS.alert].safeParse(payload);
        if (!fired.success) {
          console.warn(`dropped a malformed ${SERVER_EVENTS.alert}`, fired.error.issues);
          return;
        }
        void queryClient.invalidateQueries({ queryKey: alertKeys.all });
        alertHandler.current?.(fired.data);
      });
      live.on(SERVER_EVENTS.error, (error) => console.warn('realtime gateway error', error));
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

  useEffect(
    () => (socket && product ? follow(socket, { type: 'product', symbol: product }) : undefined),
    [socket, product],
  );
  // Each expiry by name (a chain subscription without one follows the nearest expiry); the list by its
  // contents, so a new array of the same expiries subscribes nothing again.
  const expiryList = [...new Set(expiries)].sort().join(',');
  useEffect(() => {
    if (!socket || !product || expiryList === '') return undefined;
    const stops = expiryList
      .split(',')
      .map((expiry) => follow(socket, { type: 'chain', symbol: product, expiry }));
    return () => stops.forEach((stop) => stop());
  }, [socket, product, expiryList]);

  return state;
}

/**
 * Subscribes now if connected and again on every connect (a fresh session has no rooms; a recovered
 * one just confirms them); the returned function unsubscribes.
 */
function follow(socket: RealtimeSocket, subscription: SubscriptionRequest): () => void {
  const subscribe = () => socket.emit(CLIENT_EVENTS.subscribe, subscription);
  if (socket.connected) subscribe();
  socket.on('connect', subscribe);
  return () => {
    socket.off('connect', subscribe);
    // Sent only while connected: queued, it could follow a later subscribe to the same room. A recovered
    // session may keep the old rooms; their updates then only refresh their own keys.
    if (socket.connected) socket.emit(CLIENT_EVENTS.unsubscribe, subscription);
  };
}
