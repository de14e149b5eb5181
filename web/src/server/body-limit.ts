/**
 * Request bodies are bounded per route (RouteSpec.maxBodyBytes), and read only as far as the bound: a
 * declared Content-Length over it is refused before a byte is read, and a streamed (chunked) body is
 * counted as it arrives and refused as soon as the count passes it, the rest left unread. Either way the
 * answer is a 413 that asks the server to close the connection, so the client stops sending and nothing
 * is buffered beyond the bound.
 */
import { AppError } from './errors';

/** Sign-in, registration, token checks and next-auth's form posts: an email, a password, a token or two. */
export const AUTH_BODY_LIMIT_BYTES = 8 * 1024;
/** Every other route with a body (API token names, queue commands) unless its spec says otherwise. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `the request body must be at most ${maxBytes} bytes`, {
    field: 'body',
    // The unread rest of the body would otherwise keep arriving on a connection kept alive for reuse.
    headers: { connection: 'close' },
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
      // Not cancelled: cancelling would close the connection before the 413 could be sent; the stream
      // stays paused (TCP backpressure) until the answer is written and the connection closed.
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
