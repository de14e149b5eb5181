import { WebSocket } from 'ws';

/**
 * A Socket.IO v4 client written against the wire protocol (Engine.IO v4 over WebSocket), for tests that
 * must see exactly what a client of another library — python-socketio, say — receives: every event
 * packet's argument list as it travels, with nothing the JavaScript client would strip or add.
 *
 * Engine.IO packets are text frames whose first character is the type (0 open, 2 ping, 3 pong,
 * 4 message); a Socket.IO packet rides in a message: its type (0 CONNECT, 2 EVENT, 3 ACK,
 * 4 CONNECT_ERROR), then `/namespace,` unless it is `/`, then an ack id, then JSON.
 * https://socket.io/docs/v4/socket-io-protocol/ and https://socket.io/docs/v4/engine-io-protocol/
 */
export interface RawSocketIoClient {
  /** The argument list of every EVENT packet received, in order: `[name, ...args]`. */
  events: unknown[][];
  /** Arguments of every event named `name`, in order. */
  argsOf(name: string): unknown[][];
  /** Sends an EVENT packet carrying `[name, ...args]` (no ack). */
  emit(name: string, ...args: unknown[]): void;
  /** Sends a text frame as is (an Engine.IO packet). */
  sendRaw(frame: string): void;
  /** Resolves when the server closes the connection, with the close code. */
  closed: Promise<number>;
  close(): void;
}

export interface RawConnectOptions {
  /** The CONNECT packet's payload (Socket.IO's `auth`). */
  auth?: Record<string, unknown>;
  namespace?: string;
  headers?: Record<string, string>;
}

/** Connects to `url` (http://host:port), resolves once the namespace accepted the connection. */
export function rawConnect(url: string, options: RawConnectOptions = {}): Promise<RawSocketIoClient> {
  const namespace = options.namespace ?? '/';
  const prefix = namespace === '/' ? '' : `${namespace},`;
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: options.headers,
  });
  const events: unknown[][] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const client: RawSocketIoClient = {
    events,
    argsOf: (name) => events.filter(([event]) => event === name).map(([, ...args]) => args),
    emit: (name, ...args) => ws.send(`42${prefix}${JSON.stringify([name, ...args])}`),
    sendRaw: (frame) => ws.send(frame),
    closed,
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    void closed.then((code) => reject(new Error(`closed (${code}) before the namespace accepted`)));
    ws.on('message', (data) => {
      const frame = data.toString();
      if (frame.startsWith('0')) {
        ws.send(`40${prefix}${JSON.stringify(options.auth ?? {})}`);
      } else if (frame === '2') {
        ws.send('3');
      } else if (frame.startsWith('4')) {
        const packet = frame.slice(1);
        const body = packet.slice(1).startsWith(prefix) ? packet.slice(1 + prefix.length) : packet.slice(1);
        if (packet.startsWith('0')) resolve(client);
        else if (packet.startsWith('4')) reject(new Error(`connect refused: ${body}`));
        else if (packet.startsWith('2')) events.push(JSON.parse(body.replace(/^\d+/, '')) as unknown[]);
      }
    });
  });
}
