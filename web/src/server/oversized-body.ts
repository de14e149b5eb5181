/**
 * Test clients for the body limits: a server must refuse an oversized body while it is still coming
 * (streamed) or as soon as it is declared (Content-Length), never after reading all of it.
 */
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';

/**
 * POSTs to `url` a chunked body of `prefix` then `chunk` after `chunk`, up to `totalBytes`, for as long
 * as the server takes it and until it answers. Resolves with the answer's status and text, and how many
 * bytes had been written when it came.
 */
export async function streamUntilAnswered(
  url: string,
  {
    headers = {},
    prefix = '',
    chunk,
    totalBytes,
  }: { headers?: Record<string, string>; prefix?: string; chunk: Buffer; totalBytes: number },
): Promise<{ status: number; text: string; writtenBefore: number }> {
  const req = request(url, { method: 'POST', headers });
  req.on('error', () => {});
  let written = 0;
  let answered = false;
  const answer = new Promise<{ status: number; text: string; writtenBefore: number }>((resolve) => {
    req.once('response', (response) => {
      answered = true;
      const writtenBefore = written;
      const chunks: Buffer[] = [];
      response.on('data', (data: Buffer) => chunks.push(data));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString(), writtenBefore }),
      );
    });
  });
  if (prefix) req.write(prefix);
  while (!answered && written < totalBytes && !req.destroyed) {
    written += chunk.length;
    if (!req.write(chunk)) {
      await Promise.race([once(req, 'drain').catch(() => undefined), answer, once(req, 'close')]);
    }
  }
  try {
    return await answer;
  } finally {
    req.destroy();
  }
}

/** POSTs to `url` with a declared Content-Length, sends one byte of the body and resolves with the answer's status. */
export async function statusOfDeclaredBody(url: string, headers: Record<string, string>): Promise<number> {
  const req = request(url, { method: 'POST', headers });
  req.on('error', () => {});
  req.write('{');
  const [response] = (await once(req, 'response')) as [IncomingMessage];
  req.destroy();
  return response.statusCode ?? 0;
}
