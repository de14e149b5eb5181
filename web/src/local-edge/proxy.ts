/**
 * web's edge on a developer's machine: one public port that sends each request to the process the
 * deployments' edge would send it to (@deltastream/bus/edge-routes: the market API, realtime, else
 * Next.js), over loopback, WebSocket upgrades included (Socket.IO, Next.js's hot reload). So `npm start`,
 * `npm run dev` and the browser tests take the production path. X-Forwarded-For is set to the address the
 * request came from, never taken from the client: behind this edge web trusts that one entry.
 */
import {
  Agent,
  createServer,
  request as upstreamRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import { edgeServiceFor, type EdgeService } from '@deltastream/bus/edge-routes';
import type { Logger } from '@deltastream/bus/logger';
import { closeServer, listenOn } from '../server/node-http';

export interface LocalEdgeOptions {
  /** The loopback port of each service. */
  ports: Record<EdgeService, number>;
  logger: Logger;
}

export interface LocalEdge {
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
  server: Server;
}

const UPSTREAM_HOST = '127.0.0.1';
/** How long a pooled connection to a service may idle when the service gives no shorter Keep-Alive hint. */
const IDLE_UPSTREAM_CONNECTION_MS = 30_000;

/** Headers that describe one connection (RFC 9110 §7.6.1), not the message: never passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The request's headers for the service: hop-by-hop ones dropped, the forwarded ones written anew. */
function forwardedHeaders(req: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && !name.startsWith('x-forwarded-')) headers[name] = value;
  }
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
  headers['x-forwarded-proto'] = 'http';
  if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
  return headers;
}

function unavailable(res: ServerResponse, service: EdgeService): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: `${service} is not answering` } }));
}

export function createLocalEdge({ ports, logger }: LocalEdgeOptions): LocalEdge {
  // An idle connection to a service is dropped a second before the service would drop it (its
  // `Keep-Alive: timeout=N` hint, which Node's agent applies only under a timeout of its own), so no
  // request is written to a connection the service is closing: that request would fail with a reset and
  // be answered 502. The agent's timeout only bounds idle pooled connections; it cuts no request short.
  const agent = new Agent({ keepAlive: true, timeout: IDLE_UPSTREAM_CONNECTION_MS });
  const serviceOf = (req: IncomingMessage) => edgeServiceFor((req.url ?? '/').split('?')[0] ?? '/');

  const server = createServer((req, res) => {
    const service = serviceOf(req);
    let answered = false;
    const upstream = upstreamRequest(
      {
        host: UPSTREAM_HOST,
        port: ports[service],
        method: req.method,
        path: req.url,
        headers: forwardedHeaders(req),
        agent,
      },
      (answer) => {
        answered = true;
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => name !== 'connection' && name !== 'keep-alive'),
        );
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
        // A service that answered before reading the whole body (a 413 for a body over a route's limit)
        // reads no more of it: the rest is not sent on, and the connection to the service is dropped
        // rather than left holding half a request. (Node's server then closes the client's connection.)
        answer.on('end', () => {
          if (req.complete) return;
          req.unpipe(upstream);
          upstream.destroy();
        });
      },
    );
    upstream.on('error', (error) => {
      // Once the answer has begun it finishes on its own: sending the rest of a body the service refused
      // fails when the service resets its connection, and must not cut the refusal short on its way to
      // the client. A failure of the answer itself destroys the response (above).
      if (answered) return;
      logger.warn({ err: error, service, url: req.url }, 'upstream failed');
      unavailable(res, service);
    });
    req.pipe(upstream);
  });

  // A WebSocket upgrade: the request head is written to the service as it came (forwarded headers
  // rewritten), then the two sockets are joined.
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const service = serviceOf(req);
    const upstream = connect(ports[service], UPSTREAM_HOST, () => {
      const headers = { ...forwardedHeaders(req), connection: 'Upgrade', upgrade: req.headers.upgrade };
      const lines = Object.entries(headers).flatMap(([name, value]) =>
        value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`),
      );
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });

  return {
    server,
    listen: (port, host) => listenOn(server, port, host),
    close: () => {
      const closed = closeServer(server, 'all');
      agent.destroy();
      return closed;
    },
  };
}
