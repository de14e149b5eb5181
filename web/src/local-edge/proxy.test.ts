import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeService } from '@deltastream/bus/edge-routes';
import { createLogger } from '@deltastream/bus/logger';
import { streamUntilAnswered } from '../server/oversized-body';
import { createLocalEdge, type LocalEdge } from './proxy';

/** What a service saw of a request. */
interface Seen {
  service: EdgeService;
  method: string;
  url: string;
  host: string;
  forwardedFor: string;
  body: string;
}

/** The answer of a service that refuses a body unread, as the route wrapper does past a route's limit. */
const REFUSAL = JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large', field: 'body' } });

/**
 * A service that answers every request with what it saw (but refuses `?refuse` unread, with a 413), and
 * echoes an upgraded connection's bytes.
 */
function echoService(service: EdgeService): Server {
  const server = createServer(async (req, res) => {
    if (req.url?.endsWith('?refuse')) {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(REFUSAL);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.writeHead(201, { 'content-type': 'application/json', 'x-service': service });
    res.end(JSON.stringify(seen(service, req, Buffer.concat(chunks).toString())));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n' +
        `X-Seen: ${JSON.stringify(seen(service, req, ''))}\r\n\r\n`,
    );
    socket.pipe(socket);
  });
  return server;
}

const seen = (service: EdgeService, req: IncomingMessage, body: string): Seen => ({
  service,
  method: req.method ?? '',
  url: req.url ?? '',
  host: req.headers.host ?? '',
  forwardedFor: String(req.headers['x-forwarded-for']),
  body,
});

const services = new Map<EdgeService, Server>();
let edge: LocalEdge;
let base: string;

beforeAll(async () => {
  for (const service of ['web', 'market-api', 'realtime'] as const) {
    const server = echoService(service);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    services.set(service, server);
  }
  const port = (service: EdgeService) => (services.get(service)!.address() as AddressInfo).port;
  edge = createLocalEdge({
    ports: { web: port('web'), 'market-api': port('market-api'), realtime: port('realtime') },
    logger: createLogger('local-edge', 'silent'),
  });
  base = `http://127.0.0.1:${await edge.listen(0, '127.0.0.1')}`;
});
afterAll(async () => {
  await edge.close();
  await Promise.all([...services.values()].map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('the local edge', () => {
  it('sends each path to the service the deployments send it to, as it came', async () => {
    const cases: [string, EdgeService][] = [
      ['/api/data/chain/NIFTY?expiry=2026-12-01', 'market-api'],
      ['/api/analytics/max-pain/NIFTY', 'market-api'],
      ['/socket.io/?EIO=4&transport=polling', 'realtime'],
      ['/health', 'web'],
      ['/ready', 'web'],
      ['/api/auth/session', 'web'],
      ['/signin', 'web'],
    ];
    for (const [path, service] of cases) {
      const answer = await fetch(`${base}${path}`);
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-service')).toBe(service);
      expect(await answer.json(), path).toMatchObject({ service, method: 'GET', url: path });
    }
  });

  it('passes on the method, the body and the Host the client used', async () => {
    const answer = await fetch(`${base}/api/analytics/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"spot_price":100}',
    });
    expect(await answer.json()).toMatchObject({
      service: 'market-api',
      method: 'POST',
      body: '{"spot_price":100}',
      host: new URL(base).host,
    });
  });

  it('sets X-Forwarded-For to the address the request came from, whatever the client wrote', async () => {
    const answer = await fetch(`${base}/api/data/products`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(((await answer.json()) as Seen).forwardedFor).toBe('127.0.0.1');
  });

  it('carries a WebSocket upgrade to the service, both ways', async () => {
    const req = request(`${base}/socket.io/?EIO=4&transport=websocket`, {
      headers: { connection: 'Upgrade', upgrade: 'echo', 'x-forwarded-for': '203.0.113.9' },
    });
    req.end();
    const [response, socket] = (await once(req, 'upgrade')) as [IncomingMessage, Socket];
    expect(response.statusCode).toBe(101);
    expect(JSON.parse(String(response.headers['x-seen']))).toMatchObject({
      service: 'realtime',
      url: '/socket.io/?EIO=4&transport=websocket',
      forwardedFor: '127.0.0.1',
    });
    socket.write('ping');
    const [echoed] = (await once(socket, 'data')) as [Buffer];
    expect(echoed.toString()).toBe('ping');
    socket.destroy();
  });

  it('passes on a refusal that comes before the body was read, and stops taking the body', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const total = 100 * 1024 * 1024;
    const { status, text, writtenBefore } = await streamUntilAnswered(
      `${base}/api/analytics/analyze?refuse`,
      {
        chunk,
        totalBytes: total,
      },
    );
    expect(status).toBe(413);
    expect(text).toBe(REFUSAL);
    expect(writtenBefore).toBeLessThan(total / 10);
  });

  it('drops an idle connection to a service before the service would, never writing a request to it', async () => {
    // The service announces `Keep-Alive: timeout=2`: a connection idle for 1.5 s is still open on its
    // side, so an edge that kept it would write the next request to it (and lose the race with the
    // service's close whenever the two meet).
    const web = services.get('web')!;
    const defaultTimeout = web.keepAliveTimeout;
    web.keepAliveTimeout = 2000;
    let connections = 0;
    const count = () => (connections += 1);
    try {
      expect((await fetch(`${base}/signin`)).status).toBe(201);
      web.on('connection', count);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await fetch(`${base}/signin`)).status).toBe(201);
      expect(connections).toBe(1);
    } finally {
      web.off('connection', count);
      web.keepAliveTimeout = defaultTimeout;
    }
  });

  it('answers 502 in the API error shape when the service does not answer', async () => {
    const down = createLocalEdge({
      ports: { web: 1, 'market-api': 1, realtime: 1 },
      logger: createLogger('local-edge', 'silent'),
    });
    const downBase = `http://127.0.0.1:${await down.listen(0, '127.0.0.1')}`;
    try {
      const answer = await fetch(`${downBase}/api/data/products`);
      expect(answer.status).toBe(502);
      expect(await answer.json()).toEqual({
        error: { code: 'UNAVAILABLE', message: 'market-api is not answering' },
      });
    } finally {
      await down.close();
    }
  });
});
