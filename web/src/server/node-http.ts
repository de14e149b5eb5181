/**
 * Between node:http and the standard Request/Response the route handlers use, for the market API's plain
 * Node server (Next.js does the same for its own).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { isStreamedResponse } from './route';

/**
 * The request as a standard Request. As Next.js does, the socket's address becomes X-Forwarded-For when
 * the request carries none: client-address.ts finds the client there.
 */
export function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) {
    headers.set('x-forwarded-for', req.socket.remoteAddress);
  }
  const method = req.method ?? 'GET';
  const body =
    method === 'GET' || method === 'HEAD'
      ? {}
      : { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' as const };
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method,
    headers,
    ...body,
  });
}

/**
 * Writes a Response with a Content-Length (the route handlers' bodies are in memory anyway), or, for a
 * streamed one (a long CSV range), chunked as its body produces it, at the pace the client reads: a
 * client that goes away cancels the body, which stops its reads from PostgreSQL.
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  if (isStreamedResponse(response) && response.body !== null) {
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
    return;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
      length += read.value.byteLength;
    }
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader('content-length', length);
  for (const chunk of chunks) res.write(chunk);
  res.end();
}

/** Listens on `port` (0 picks a free one) and resolves with the port actually bound. */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Stops taking connections and resolves once the server has closed. `'idle'` closes the idle keep-alive
 * connections, so requests in flight finish; `'all'` cuts every connection, upgraded ones included.
 */
export function closeServer(server: Server, connections: 'idle' | 'all'): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if (connections === 'all') server.closeAllConnections();
    else server.closeIdleConnections();
  });
}
