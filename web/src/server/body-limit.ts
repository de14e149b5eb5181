/**
 * Request bodies are bounded per route (RouteSpec.maxBodyBytes), and read only as far as the bound: a
 * declared Content-Length over it is refused before a byte is read, and a streamed (chunked) body is
 * counted as it arrives and refused as soon as the count passes it. The rest is never read: the 413 goes
 * out while the client is still sending, and the body waits in the socket (TCP backpressure) until the
 * client gives up or the server's request timeout closes the connection. The connection is not closed
 * with the answer: closing a socket with unread data resets it, and a client could lose the 413 with it.
 */
import { EDGE_MAX_BODY_BYTES } from '@deltastream/bus/edge-routes';
import { AppError } from './errors';

/** Sign-in, registration, token checks and next-auth's form posts: an email, a password, a token or two. */
export const AUTH_BODY_LIMIT_BYTES = 8 * 1024;
/** Every other route with a body (API token names, queue commands) unless its spec says otherwise. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;
/**
 * POST /api/analytics/analyze: a maximal valid body (2,000 quotes, every optional field, every number
 * a full-precision double) measures 599,298 bytes as compact JSON and 779,357 indented by two spaces;
 * 1 MiB leaves a third above the indented one. It is the largest limit, so the edge passes bodies up to
 * it (EDGE_MAX_BODY_BYTES).
 */
export const ANALYZE_BODY_LIMIT_BYTES = EDGE_MAX_BODY_BYTES;
/**
 * POST /api/strategies/analyze: a maximal valid body (50 legs with every field, a 5,000-point price grid,
 * an ATM IV for each of 60 expiries) measures about 93 KB; 128 KiB leaves a third above it.
 */
export const STRATEGY_BODY_LIMIT_BYTES = 128 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `the request body must be at most ${maxBytes} bytes`, {
    field: 'body',
  });
}

/** The body's bytes, at most `maxBytes` of them; a 413 AppError for a larger body. */
export async function readBoundedBody(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (req.body === null) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      length += read.value.byteLength;
      // Not cancelled: cancelling would reset the connection before the 413 could be sent.
      if (length > maxBytes) throw tooLarge(maxBytes);
      chunks.push(read.value);
    }
  } finally {
    reader.releaseLock();
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
