import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueAccessToken } from '@deltastream/auth/access-tokens';
import { generateApiToken } from '@deltastream/auth/api-tokens';
import { createTestApiToken } from '@deltastream/auth/testing';
import { createUser, getUserByEmail, type User } from '@deltastream/db/queries';
import { AppError } from './errors';
import { defineRoute, type Access, type HttpMethod } from './route';
import { HARNESS_ORIGIN, useWebTest, type WebTest } from './test-harness';

const RATE_LIMIT = 4;
const web = useWebTest({ PUBLIC_MARKET_DATA: 'false', API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
let trader: User;
let admin: User;

/** A test route's spec: the documentation fields every route declares, filled in. */
const spec = (method: HttpMethod, path: string, access: Access) => ({
  method,
  path,
  access,
  tag: 'Operations' as const,
  summary: 'test',
  response: { status: 200, description: 'ok' },
});

const marketRoute = defineRoute(spec('GET', '/test/market', 'market'), async ({ principal }) => ({
  kind: principal.kind,
  via: principal.kind === 'user' ? principal.via : null,
}));
const userRoute = defineRoute(spec('GET', '/test/user', 'user'), async () => ({ ok: true }));
const adminRoute = defineRoute(spec('GET', '/test/admin', 'admin'), async () => ({ ok: true }));
const validatedRoute = defineRoute(
  {
    ...spec('POST', '/test/validated/{product}', 'public'),
    params: z.object({ product: z.string().regex(/^[A-Z]+$/, 'must be upper-case letters') }),
    query: z.object({ limit: z.coerce.number().int().max(10, 'must be at most 10').default(5) }),
    body: z.object({ quotes: z.array(z.object({ strike: z.number().positive('must be positive') })) }),
  },
  async ({ params, query, body }) => ({
    product: params.product,
    limit: query.limit,
    strikes: body.quotes.length,
  }),
);
const failingRoute = defineRoute(spec('GET', '/test/failing', 'public'), async () => {
  throw new Error('database password is hunter2');
});
const conflictRoute = defineRoute(spec('GET', '/test/conflict', 'public'), async () => {
  throw new AppError('CONFLICT', 'already there', { field: 'email' });
});

async function apiTokenFor(user: User, scopes: string[]): Promise<string> {
  return (await createTestApiToken(web.database.db, { userId: user.id, name: 'test', scopes })).token;
}

beforeAll(async () => {
  const created = await Promise.all([
    createUser(web.database.db, { email: 'trader@example.com', passwordHash: 'x', name: 'Trader' }),
    createUser(web.database.db, {
      email: 'admin@example.com',
      passwordHash: 'x',
      name: 'Admin',
      role: 'admin',
    }),
  ]);
  if (!created[0] || !created[1]) throw new Error('users not created');
  [trader, admin] = created as [User, User];
});

/**
 * A forwarded-for chain whose last entry (the one the server appended, which is the one counted) is
 * fresh, so reruns within the minute start uncounted.
 */
const randomAddress = (network: string) =>
  `${network}.${randomInt(1, 255)}, 10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const accessToken = async (user: User) =>
  (await issueAccessToken(web.ctx.config.AUTH_SECRET, { sub: user.id, email: user.email, role: user.role }))
    .token;

describe('access', () => {
  it('market data needs credentials when it is not public', async () => {
    const response = await web.call(marketRoute, '/test/market');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'sign in, or send "Authorization: Bearer <token>"' },
    });
  });

  it('accepts a session cookie, a login token and an API token with read:market', async () => {
    const cookie = await web.sessionCookie(trader);
    expect((await web.call(marketRoute, '/test/market', { headers: { cookie } })).body).toEqual({
      kind: 'user',
      via: 'session',
    });
    const login = await accessToken(trader);
    expect((await web.call(marketRoute, '/test/market', { headers: bearer(login) })).body).toMatchObject({
      via: 'access-token',
    });
    const token = await apiTokenFor(trader, ['read:market']);
    expect((await web.call(marketRoute, '/test/market', { headers: bearer(token) })).body).toMatchObject({
      via: 'api-token',
    });
  });

  it('refuses an API token without read:market, and API tokens on account routes', async () => {
    const streamOnly = await apiTokenFor(trader, ['read:stream']);
    const refused = await web.call(marketRoute, '/test/market', { headers: bearer(streamOnly) });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { message: 'this API token lacks the read:market scope' } });
    const full = await apiTokenFor(trader, ['read:market', 'read:stream']);
    const account = await web.call(userRoute, '/test/user', { headers: bearer(full) });
    expect(account.status).toBe(403);
  });

  it('refuses bad credentials instead of treating them as anonymous', async () => {
    for (const headers of [
      bearer('not-a-jwt'),
      bearer(generateApiToken().token),
      { authorization: 'Basic dXNlcjpwYXNz' },
    ]) {
      expect((await web.call(marketRoute, '/test/market', { headers })).status).toBe(401);
    }
    const forged = await issueAccessToken('a-different-secret-of-32-characters-or-more', {
      sub: trader.id,
      email: trader.email,
      role: 'admin',
    });
    expect((await web.call(adminRoute, '/test/admin', { headers: bearer(forged.token) })).status).toBe(401);
  });

  it('admin routes need the admin role', async () => {
    expect(
      (await web.call(adminRoute, '/test/admin', { headers: bearer(await accessToken(trader)) })).status,
    ).toBe(403);
    expect(
      (await web.call(adminRoute, '/test/admin', { headers: bearer(await accessToken(admin)) })).status,
    ).toBe(200);
  });
});

describe('rate limit', () => {
  it('allows the limit per minute per token, then answers 429 with Retry-After', async () => {
    const token = await apiTokenFor(admin, ['read:market']);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<WebTest['call']>> | undefined;
    for (let i = 0; i <= RATE_LIMIT; i += 1) {
      last = await web.call(marketRoute, '/test/market', { headers: bearer(token) });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(last?.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
    expect(last?.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(last?.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another token of the same user has a count of its own.
    const other = await apiTokenFor(admin, ['read:market']);
    expect((await web.call(marketRoute, '/test/market', { headers: bearer(other) })).status).toBe(200);
  });

  it('counts anonymous callers by address', async () => {
    const call = (address: string) =>
      web.call(validatedRoute, '/test/validated/ABC', {
        headers: { 'x-forwarded-for': address },
        body: { quotes: [] },
      });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i += 1) statuses.push((await call(randomAddress('192.0.2'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const address = randomAddress('192.0.2');
    for (let i = 0; i < RATE_LIMIT; i += 1) expect((await call(address)).status).toBe(200);
    expect((await call(address)).status).toBe(429);
    const elsewhere = await call(randomAddress('192.0.2'));
    expect(elsewhere.status).toBe(200);
  });
  it('answers an over-limit read with the 429, not with what the read found', async () => {
    const token = await apiTokenFor(trader, ['read:market']);
    const missing = defineRoute(spec('GET', '/test/missing', 'market'), async () => {
      throw new AppError('NOT_FOUND', 'nothing here');
    });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i += 1) {
      statuses.push((await web.call(missing, '/test/missing', { headers: bearer(token) })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
  });

  it('does no database work for a read over the limit', async () => {
    const token = await apiTokenFor(trader, ['read:market']);
    const prefix = `gate.${randomInt(1e9)}`;
    let calls = 0;
    // A read whose handler goes to PostgreSQL (it records each run as a user, to count them there).
    const touchesDatabase = defineRoute(spec('GET', '/test/database', 'market'), async ({ ctx }) => {
      calls += 1;
      await createUser(ctx.db, { email: `${prefix}.${calls}@example.com`, passwordHash: 'x', name: 'Gate' });
      return { calls };
    });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT + 1; i += 1) {
      statuses.push((await web.call(touchesDatabase, '/test/database', { headers: bearer(token) })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(calls).toBe(RATE_LIMIT);
    expect(await getUserByEmail(web.database.db, `${prefix}.${RATE_LIMIT + 1}@example.com`)).toBeNull();
  });

  it('never runs a write once its caller is over the limit', async () => {
    let writes = 0;
    const write = defineRoute(spec('POST', '/test/write', 'user'), async () => ({ writes: ++writes }));
    const writer = await createUser(web.database.db, {
      email: 'writer@example.com',
      passwordHash: 'x',
      name: 'Writer',
    });
    const login = await accessToken(writer!);
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT + 1; i += 1) {
      const answer = await web.call(write, '/test/write', { headers: bearer(login) });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(writes).toBe(RATE_LIMIT);
  });
});

describe('validation and errors', () => {
  const fromAddress = () => ({ 'x-forwarded-for': randomAddress('198.51.100') });

  it('names the bad field of the path, the query and the body', async () => {
    const cases: [string, Parameters<WebTest['call']>[2], string, string][] = [
      ['abc', { body: { quotes: [] } }, 'product', 'product: must be upper-case letters'],
      ['ABC', { query: { limit: '11' }, body: { quotes: [] } }, 'limit', 'limit: must be at most 10'],
      ['ABC', { body: { quotes: [{ strike: -1 }] } }, 'quotes.0.strike', 'quotes.0.strike: must be positive'],
      ['ABC', { body: '{"quotes": [' }, 'body', 'body: not valid JSON'],
    ];
    for (const [product, options, field, message] of cases) {
      const response = await web.call(validatedRoute, `/test/validated/${product}`, {
        ...options,
        headers: fromAddress(),
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code: 'VALIDATION_ERROR', message, field } });
    }
    const ok = await web.call(validatedRoute, '/test/validated/ABC', {
      body: { quotes: [{ strike: 100 }] },
      headers: fromAddress(),
    });
    expect(ok.body).toEqual({ product: 'ABC', limit: 5, strikes: 1 });
  });

  it('maps AppError to its status and hides the details of anything else behind a request id', async () => {
    const conflict = await web.call(conflictRoute, '/test/conflict', { headers: fromAddress() });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ error: { code: 'CONFLICT', message: 'already there', field: 'email' } });

    const failed = await web.call<{ error: { message: string } }>(failingRoute, '/test/failing', {
      headers: { ...fromAddress(), 'x-request-id': 'req-123' },
    });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-request-id')).toBe('req-123');
    expect(JSON.stringify(failed.body)).not.toContain('hunter2');
    expect(failed.body.error.message).toContain('request id');
  });
});

describe('request bodies', () => {
  const LIMIT = 4096;
  const bounded = defineRoute(
    {
      ...spec('POST', '/test/bounded', 'public'),
      body: z.object({ text: z.string() }),
      maxBodyBytes: LIMIT,
    },
    async ({ body }) => ({ length: body.text.length }),
  );
  const fromAddress = () => ({ 'x-forwarded-for': randomAddress('192.0.2') });

  /** A body that streams `chunk` without end, counting what was pulled from it. */
  function endless(chunk: Uint8Array) {
    const pulled = { bytes: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled };
  }

  const post = (headers: Record<string, string>, body: BodyInit) =>
    bounded.handle(
      new Request(`${HARNESS_ORIGIN}/test/bounded`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...fromAddress(), ...headers },
        body,
        duplex: 'half',
      } as RequestInit),
      {},
    );

  it('accepts a body up to the route’s limit', async () => {
    const text = 'x'.repeat(LIMIT - '{"text":""}'.length);
    const answer = await post({}, JSON.stringify({ text }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ length: text.length });
  });

  it('refuses a declared Content-Length over the limit at once, reading nothing', async () => {
    const { stream, pulled } = endless(new Uint8Array(1024));
    const answer = await post({ 'content-length': String(100 * 1024 * 1024) }, stream);
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `the request body must be at most ${LIMIT} bytes`,
        field: 'body',
      },
    });
    // The stream's own read-ahead (one chunk) at most: the body was never consumed.
    expect(pulled.bytes).toBeLessThanOrEqual(1024);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { stream, pulled } = endless(new Uint8Array(1024).fill(0x20));
    const answer = await post({}, stream);
    expect(answer.status).toBe(413);
    // The limit, the chunk that crossed it and the stream's read-ahead: never the endless rest.
    expect(pulled.bytes).toBeLessThanOrEqual(LIMIT + 3 * 1024);
  });
});

describe('cross-site requests', () => {
  const write = defineRoute(spec('POST', '/test/cross-site', 'user'), async () => ({ written: true }));
  const form = defineRoute(
    {
      ...spec('POST', '/test/form', 'public'),
      body: z.object({ email: z.string().optional() }),
      bodyEncoding: 'form',
    },
    async ({ body }) => ({ email: body.email ?? null }),
  );
  let cookie: string;
  beforeAll(async () => {
    // A user of its own: the rate limit's count of the others' requests is not this block's.
    const poster = await createUser(web.database.db, {
      email: `poster.${randomInt(1e9)}@example.com`,
      passwordHash: 'x',
      name: 'Poster',
    });
    cookie = await web.sessionCookie(poster!);
  });
  const sessionPost = (headers: Record<string, string>) =>
    web.call(write, '/test/cross-site', { headers: { cookie, ...headers }, body: '{}' });

  it('lets a page of this site post JSON with its session', async () => {
    const answer = await sessionPost({
      origin: HARNESS_ORIGIN,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['no Origin', { 'content-type': 'application/json' }],
    ['another site’s Origin', { origin: 'https://evil.example', 'content-type': 'application/json' }],
    [
      'this host under another scheme',
      { origin: 'https://localhost:3000', 'content-type': 'application/json' },
    ],
    ['an opaque Origin', { origin: 'null', 'content-type': 'application/json' }],
    ['a form’s body type', { origin: HARNESS_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }],
    ['text/plain', { origin: HARNESS_ORIGIN, 'content-type': 'text/plain' }],
    ['no body type', { origin: HARNESS_ORIGIN }],
  ])('refuses a session-authenticated post with %s', async (_case, headers) => {
    const answer = await sessionPost(headers);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(answer.headers.get('x-ratelimit-limit'), 'refused before it is counted').toBeNull();
  });

  it('lets scripts with a bearer token post from anywhere, in any body type', async () => {
    const answer = await web.call(write, '/test/cross-site', {
      headers: { ...bearer(await accessToken(trader)), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
  });

  it('takes a form post only from this site, signed in or not', async () => {
    const post = (headers: Record<string, string>) =>
      web.call(form, '/test/form', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'email=ada%40example.com',
      });
    const same = await post({ origin: HARNESS_ORIGIN });
    expect(same.status).toBe(200);
    expect(same.body).toEqual({ email: 'ada@example.com' });
    expect((await post({ origin: HARNESS_ORIGIN, cookie })).status).toBe(200);
    for (const origin of [{}, { origin: 'https://evil.example' }, { origin: 'null' }] as Record<
      string,
      string
    >[]) {
      expect((await post(origin)).status).toBe(403);
    }
  });
});

describe('security headers', () => {
  const open = defineRoute(spec('GET', '/test/headers', 'public'), async () => ({ ok: true }));
  const fromAddress = () => ({ 'x-forwarded-for': randomAddress('198.51.100') });

  it('forbid sniffing, framing and loading from any answer, success or error', async () => {
    for (const route of [open, conflictRoute]) {
      const answer = await web.call(route, route.spec.path, { headers: fromAddress() });
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('same-origin');
      expect(answer.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(answer.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('pin HTTPS only behind an edge that says the client used TLS', async () => {
    const viaTls = await web.call(open, '/test/headers', {
      headers: { ...fromAddress(), 'x-forwarded-proto': 'https' },
    });
    expect(viaTls.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const spoofed = await web.call(open, '/test/headers', {
      headers: { ...fromAddress(), 'x-forwarded-proto': 'https, http' },
    });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });
});
