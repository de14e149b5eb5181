import type { IncomingMessage, ServerResponse } from 'node:http';
// The module itself: the standalone output keeps Next.js's server files, not its `next/server` entry.
import { NextRequest } from 'next/dist/server/web/spec-extension/request.js';
import { GET as chainGet } from '../app/api/data/chain/[product]/route';

/** A route file's GET export, as defineRoute makes it. */
export type RouteHandler = (
  req: NextRequest,
  segment: { params: Promise<Record<string, string>> },
) => Promise<Response>;

interface DirectRoute {
  /** The path, with one capture group per dynamic segment, named in `params` as in its folder. */
  pattern: RegExp;
  params: readonly string[];
  handler: RouteHandler;
}

/**
 * The reads the production server (serve.ts) answers without Next.js's request pipeline: the ones
 * scripts poll hundreds of times a second. Each is its route file's own GET handler, so everything a
 * route does lives in defineRoute and the handler either way; what Next.js would add around it (a
 * `proxy.ts`, of which this app has none, and its router's headers) does not apply to these.
 */
export const DIRECT_ROUTES: readonly DirectRoute[] = [
  { pattern: /^\/api\/data\/chain\/([^/]+)$/, params: ['product'], handler: chainGet },
];

export interface DirectMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

/**
 * The direct route for a request, or null for Next.js to answer: any other method (HEAD included, which
 * Next.js derives from GET), any other path, and a path whose encoding does not decode (Next.js answers
 * those with its own 400).
 */
export function matchDirectRoute(method: string | undefined, url: string | undefined): DirectMatch | null {
  if (method !== 'GET' || url === undefined || !url.startsWith('/api/')) return null;
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  for (const route of DIRECT_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    try {
      const params = Object.fromEntries(
        route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
      );
      return { handler: route.handler, params };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The request as Next.js hands it to a route handler. As Next.js does, the socket's address becomes
 * X-Forwarded-For when the client sent none: client-address.ts finds the client there.
 */
export function toNextRequest(req: IncomingMessage): NextRequest {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) {
    headers.set('x-forwarded-for', req.socket.remoteAddress);
  }
  return new NextRequest(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method,
    headers,
  });
}

/** Runs the handler and writes its Response, with a Content-Length (the bodies are in memory anyway). */
export async function answerDirectly(
  req: IncomingMessage,
  res: ServerResponse,
  match: DirectMatch,
): Promise<void> {
  const response = await match.handler(toNextRequest(req), { params: Promise.resolve(match.params) });
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
