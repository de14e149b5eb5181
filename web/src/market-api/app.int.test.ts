import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@deltastream/db/client';
import { chainRoute } from '../routes/data/chain';
import { maxPainRoute } from '../routes/analytics/max-pain';
import { simulatedChains, storeChains, withApiToken, useMarketTest } from '../server/market-fixtures';
import { ANALYZE_BODY_LIMIT_BYTES } from '../server/body-limit';
import { statusOfDeclaredBody, streamUntilAnswered } from '../server/oversized-body';
import { createMarketApiServer, type MarketApiServer } from './app';

const { web, product } = useMarketTest();
let server: MarketApiServer;
let base: string;
let headers: Record<string, string>;
let nearestExpiry: string;

beforeAll(async () => {
  const chains = simulatedChains(product, 2);
  await storeChains(web, chains);
  nearestExpiry = chains.map((chain) => chain.expiry).sort()[0]!;
  headers = await withApiToken(web, ['read:market']);
  server = createMarketApiServer(web.ctx);
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { headers, ...init });

describe('the market API', () => {
  it('answers a market route exactly as the in-process handler does', async () => {
    for (const query of ['', `?expiry=${nearestExpiry}`, '?limit=3']) {
      const path = `/api/data/chain/${product.symbol}${query}`;
      const served = await get(path);
      const inProcess = await web.call(chainRoute, path, { headers });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(inProcess.headers.get('content-type'));
      const text = await served.text();
      expect(text).toBe(inProcess.text);
      expect(served.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(Number(served.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    }
    const maxPain = `/api/analytics/max-pain/${product.symbol}`;
    expect(await (await get(maxPain)).json()).toEqual(
      (await web.call(maxPainRoute, maxPain, { headers })).body,
    );
  });

  it('answers errors in the API shape: credentials, validation, a missing product, a wrong method', async () => {
    const anonymous = await get(`/api/data/chain/${product.symbol}`, { headers: {} });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const badLimit = await get(`/api/data/chain/${product.symbol}?limit=500`);
    expect(await badLimit.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR', field: 'limit' } });
    expect((await get('/api/data/chain/NOSUCH')).status).toBe(404);
    const post = await get(`/api/data/chain/${product.symbol}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get(`/api/data/chain/${product.symbol}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
  });

  it('serves no path outside the market reads', async () => {
    for (const path of ['/api/health', '/api/tokens', '/api/auth/session', '/api/docs', '/', '/signin']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('refuses a 100 MB streamed body with 413 while it is still being sent, holding none of it', async () => {
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const total = 100 * 1024 * 1024;
    const rssBefore = process.memoryUsage().rss;
    const { status, text, writtenBefore } = await streamUntilAnswered(`${base}/api/analytics/analyze`, {
      headers: { ...headers, 'content-type': 'application/json' },
      prefix: '{"quotes": [',
      chunk,
      totalBytes: total,
    });
    expect(status).toBe(413);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `the request body must be at most ${ANALYZE_BODY_LIMIT_BYTES} bytes`,
        field: 'body',
      },
    });
    // Answered after about the limit (and what the sockets hold), not after the 100 MB.
    expect(writtenBefore).toBeLessThan(ANALYZE_BODY_LIMIT_BYTES + 8 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading a byte', async () => {
    const status = await statusOfDeclaredBody(`${base}/api/analytics/analyze`, {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(100 * 1024 * 1024),
    });
    expect(status).toBe(413);
  });

  it('counts its requests in /metrics by route pattern', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(
      /deltastream_web_request_duration_seconds_count\{[^}]*route="\/api\/data\/chain\/\{product\}"[^}]*status="200"[^}]*\} [1-9]/,
    );
  });

  it('is live without calling anything (/health), ready only while Redis and PostgreSQL answer (/ready)', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', redis: 'ok', postgres: 'ok' });

    // The same server with a PostgreSQL that does not answer: still live, not ready.
    const unreachable = createDb('postgres://postgres@127.0.0.1:1/none', { max: 1 });
    const cut = createMarketApiServer({ ...web.ctx, database: unreachable, db: unreachable.db });
    const cutBase = `http://127.0.0.1:${await cut.listen(0, '127.0.0.1')}`;
    try {
      expect((await fetch(`${cutBase}/health`)).status).toBe(200);
      const notReady = await fetch(`${cutBase}/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'unavailable', redis: 'ok', postgres: 'down' });
    } finally {
      await cut.close();
      await unreachable.close();
    }
  });
});
