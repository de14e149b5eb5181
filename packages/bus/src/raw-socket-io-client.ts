import { request } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { WebSocket } from 'ws';

/**
 * Socket.IO v4 clients written against the wire protocol (Engine.IO v4), for tests that must see exactly
 * what a client of another library — python-socketio, say — receives: every event packet's argument list
 * as it travels, with nothing the JavaScript client would strip or add.
 *
 * Engine.IO packets are text frames whose first character is the type (0 open, 2 ping, 3 pong,
 * 4 message, 5 upgrade); a Socket.IO packet rides in a message: its type (0 CONNECT, 2 EVENT, 3 ACK,
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
  /** The CONNECT packet's payload (Socket.IO's `auth`); the packet carries none when it is omitted. */
  auth?: Record<string, unknown>;
  namespace?: string;
  headers?: Record<string, string>;
}

interface SessionOptions {
  namespace: string;
  auth: Record<string, unknown> | undefined;
  /**
   * The WebSocket upgrades a long-polling session: it is probed (`2probe`, `3probe`), switched (`5`), and
   * the CONNECT goes out at once; otherwise the server's OPEN packet comes first.
   */
  upgrade: boolean;
}

/** Speaks Socket.IO on an Engine.IO WebSocket; resolves once the namespace accepted the connection. */
function openSession(
  ws: WebSocket,
  { namespace, auth, upgrade }: SessionOptions,
): Promise<RawSocketIoClient> {
  const prefix = namespace === '/' ? '' : `${namespace},`;
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
  const sendConnect = () => ws.send(`40${prefix}${auth === undefined ? '' : JSON.stringify(auth)}`);
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    void closed.then((code) => reject(new Error(`closed (${code}) before the namespace accepted`)));
    if (upgrade) ws.once('open', () => ws.send('2probe'));
    ws.on('message', (data) => {
      const frame = data.toString();
      if (frame === '3probe') {
        ws.send('5');
        sendConnect();
      } else if (frame.startsWith('0')) {
        sendConnect();
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

/** Engine.IO's address for `url` (http://host:port) and `transport`, its query as python-engineio writes it. */
function engineIoUrl(url: string, transport: 'polling' | 'websocket'): string {
  const { protocol, host } = new URL(url);
  const scheme = transport === 'websocket' ? protocol.replace(/^http/, 'ws') : protocol;
  return `${scheme}//${host}/socket.io/?transport=${transport}&EIO=4`;
}

/** python-engineio's cache-busting query parameter: Python's time.time(), seconds with a fraction. */
const timestampParameter = () => `&t=${Date.now() / 1000}`;

/** Connects to `url` (http://host:port) directly over WebSocket, as socket.io-client does with `transports: ['websocket']`. */
export function rawConnect(url: string, options: RawConnectOptions = {}): Promise<RawSocketIoClient> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: options.headers,
  });
  return openSession(ws, { namespace: options.namespace ?? '/', auth: options.auth, upgrade: false });
}

/**
 * The headers `requests` (python-engineio's HTTP library) sends when the caller adds none, as python-socketio's
 * `sio.connect(url)` does.
 */
const PYTHON_REQUESTS_HEADERS = {
  'User-Agent': 'python-requests/2.32.3',
  'Accept-Encoding': 'gzip, deflate',
  Accept: '*/*',
  Connection: 'keep-alive',
};

/** GETs `url` as `requests` does, and answers the body, decompressed as `requests` does it. */
function getLikePythonRequests(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: PYTHON_REQUESTS_HEADERS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          return reject(new Error(`Unexpected status code ${status} in server response: ${raw.toString()}`));
        }
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw;
        resolve(body.toString('utf8'));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Connects to `url` (http://host:port) exactly as python-socketio's `socketio.Client().connect(url)` does
 * with its default transports (python-engineio's client.py): a long-polling handshake
 * (`GET /socket.io/?transport=polling&EIO=4&t=…` with requests' default headers), then a WebSocket to the
 * same session (`…?transport=websocket&EIO=4&sid=…&t=…`, with websocket-client's `Origin: http://host:port`
 * and no compression extension) probed and upgraded, and only then the CONNECT packet, without a payload
 * unless `auth` is given (`40`). Resolves once the namespace accepted the connection.
 */
export async function connectAsPythonSocketio(
  url: string,
  options: Omit<RawConnectOptions, 'headers'> = {},
): Promise<RawSocketIoClient> {
  const handshake = await getLikePythonRequests(`${engineIoUrl(url, 'polling')}${timestampParameter()}`);
  // A polling payload holds packets separated by the record separator (0x1e); the first is OPEN.
  const open = handshake.split('\x1e')[0] ?? '';
  if (!open.startsWith('0')) throw new Error(`OPEN packet not returned by server: ${handshake}`);
  const { sid, upgrades } = JSON.parse(open.slice(1)) as { sid: string; upgrades: string[] };
  if (!upgrades.includes('websocket')) throw new Error(`the server offers no WebSocket upgrade: ${open}`);
  const ws = new WebSocket(`${engineIoUrl(url, 'websocket')}&sid=${sid}${timestampParameter()}`, {
    origin: new URL(url).origin,
    perMessageDeflate: false,
  });
  return openSession(ws, { namespace: options.namespace ?? '/', auth: options.auth, upgrade: true });
}
