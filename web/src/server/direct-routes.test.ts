import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDirectly, DIRECT_ROUTES, matchDirectRoute, type RouteHandler } from './direct-routes';
import { GET as chainGet } from '../app/api/data/chain/[product]/route';
import { bytesResponse } from './route';

describe('matchDirectRoute', () => {
  it('takes GET of a chain, with its product decoded and any query', () => {
    expect(matchDirectRoute('GET', '/api/data/chain/NIFTY')).toEqual({
      handler: chainGet,
      params: { product: 'NIFTY' },
    });
    expect(matchDirectRoute('GET', '/api/data/chain/nifty?expiry=2026-12-01&limit=2')?.params).toEqual({
      product: 'nifty',
    });
    expect(matchDirectRoute('GET', '/api/data/chain/NI%46TY')?.params).toEqual({ product: 'NIFTY' });
  });

  it('leaves everything else to Next.js', () => {
    for (const [method, url] of [
      ['HEAD', '/api/data/chain/NIFTY'],
      ['POST', '/api/data/chain/NIFTY'],
      ['GET', '/api/data/chain/NIFTY/'],
      ['GET', '/api/data/chain'],
      ['GET', '/api/data/chain/NIFTY/extra'],
      ['GET', '/api/data/expiries/NIFTY'],
      ['GET', '/'],
      ['GET', '/api/data/chain/%E0%A4%A'],
      [undefined, '/api/data/chain/NIFTY'],
    ] as const) {
      expect(matchDirectRoute(method, url), `${method} ${url}`).toBeNull();
    }
  });

  it('routes only handlers of route files', () => {
    expect(DIRECT_ROUTES.map((route) => route.handler)).toEqual([chainGet]);
  });
});

describe('answerDirectly', () => {
  let server: Server;
  let base: string;
  /** What the handler saw of the last request. */
  let seen: { url: string; forwardedFor: string | null; authorization: string | null; params: unknown };
  const handler: RouteHandler = async (req, segment) => {
    seen = {
      url: req.nextUrl.pathname + req.nextUrl.search,
      forwardedFor: req.headers.get('x-forwarded-for'),
      authorization: req.headers.get('authorization'),
      params: await segment.params,
    };
    const status = req.nextUrl.searchParams.get('status');
    return status
      ? Response.json(
          { error: { code: 'NOT_FOUND' } },
          { status: Number(status), headers: { 'x-request-id': 'r1' } },
        )
      : bytesResponse(new TextEncoder().encode('{"chains":[]}'), { 'content-type': 'application/json' });
  };

  beforeAll(async () => {
    server = createServer(
      (req, res) => void answerDirectly(req, res, { handler, params: { product: 'NIFTY' } }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('hands the handler the request as Next.js would, the socket as X-Forwarded-For when none came', async () => {
    const answer = await fetch(`${base}/api/data/chain/NIFTY?limit=2`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('content-length')).toBe('13');
    expect(await answer.text()).toBe('{"chains":[]}');
    expect(seen).toEqual({
      url: '/api/data/chain/NIFTY?limit=2',
      forwardedFor: '127.0.0.1',
      authorization: 'Bearer t',
      params: { product: 'NIFTY' },
    });
    await fetch(`${base}/api/data/chain/NIFTY`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(seen.forwardedFor).toBe('198.51.100.7');
  });

  it("passes on the handler's status and headers", async () => {
    const answer = await fetch(`${base}/api/data/chain/NIFTY?status=404`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-request-id')).toBe('r1');
    expect(await answer.json()).toEqual({ error: { code: 'NOT_FOUND' } });
  });
});
