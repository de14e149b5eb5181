import { io, type Socket } from 'socket.io-client';
import {
  RECOVERABLE_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@deltastream/core/socket';
import type { SocketTokenResponse } from '../contracts/accounts';
import { apiFetch } from './api';

/** The dashboard's socket, typed by the live stream's contract. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** POST /api/auth/token: a short-lived access token for the gateway, and the gateway's public address. */
const fetchSocketTokenResponse = () => apiFetch<SocketTokenResponse>('/api/auth/token', { method: 'POST' });

/**
 * A socket to the realtime gateway, connecting (its events arrive after the caller's synchronous
 * set-up, so listeners attached at once miss nothing). The gateway's address comes with the token, so the first token is fetched before the socket
 * exists and serves its first handshake; every later (re)connect asks web for a fresh one, because
 * access tokens are short-lived and a reconnect can come hours later. Without a token (web unreachable)
 * the handshake goes out bare: the gateway then admits the browser only if market data is public.
 *
 * WebSocket only: behind several gateway pods, HTTP long-polling would need sticky sessions. The
 * recoverable namespace: after a short drop the gateway replays what the tab missed.
 */
export async function openRealtimeSocket(): Promise<RealtimeSocket> {
  let first: SocketTokenResponse | null = await fetchSocketTokenResponse();
  return io(`${first.realtime_url.replace(/\/$/, '')}${RECOVERABLE_NAMESPACE}`, {
    transports: ['websocket'],
    auth: (send) => {
      if (first) {
        send({ token: first.token });
        first = null;
        return;
      }
      fetchSocketTokenResponse().then(
        ({ token }) => send({ token }),
        () => send({}),
      );
    },
  });
}
