/**
 * Whether a connection request may open a socket, by its Origin header. Browsers apply no CORS to a
 * WebSocket (Socket.IO's `cors` option covers HTTP long-polling only), so the handshake itself is
 * checked: a page of another origin cannot stream with a token it got hold of. Requests without an
 * Origin come from scripts (socket.io-client in Node, python-socketio's HTTP transport) and pass; so
 * does a page of the gateway's own origin — which is also what python-socketio's WebSocket transport
 * sends as its Origin (`http://{host}:{port}` of the address it connects to).
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  if (allowedOrigins.has(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
