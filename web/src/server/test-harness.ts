import { randomInt } from 'node:crypto';
import { deleteNamespace, testRedisPrefix } from '@deltastream/bus/testing';
import { useHookedObject } from '@deltastream/core/testing/hooks';
import { createTestDatabase, type TestDatabase } from '@deltastream/db/testing';
import { closeContext, getContext, type WebContext } from './context';
import type { Route } from './route';
import { encodeSessionToken } from './session-cookie';
import { matchPath, pathSegments } from './route-path';

/** The origin the harness's requests are addressed to. */
export const HARNESS_ORIGIN = 'http://localhost:3000';

export interface CallOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as JSON (with its Content-Type) unless it is already a string, which is sent as it is. */
  body?: unknown;
}

/** A route's answer as a test reads it: status, headers, the body's text and its parsed JSON. */
export interface CallResult<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface WebTest {
  ctx: WebContext;
  database: TestDatabase;
  /**
   * Calls a route's handler with a standard Request for `path` (which must match the route's path), as
   * both servers' router does, and returns status, headers, the body's text and its parsed JSON.
   */
  call<T = unknown>(route: Route, path: string, options?: CallOptions): Promise<CallResult<T>>;
  /** A next-auth session cookie for the user, as the browser would send it after signing in. */
  sessionCookie(user: { id: string; email: string; role?: 'user' | 'admin' }): Promise<string>;
  /** What a page of this site sends with its session: the cookie, its Origin and a JSON body type. */
  browserHeaders(cookie: string): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Route tests run the real handlers in-process against real Redis, in a namespace of their own, and a
 * fresh PostgreSQL database of their own. The web context reads its configuration from the environment
 * on first use, so this sets it first; `env` overrides defaults (say, a low rate limit). One harness per
 * test file.
 */
export async function startWebTest(env: Record<string, string> = {}): Promise<WebTest> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_PREFIX: testRedisPrefix('web'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const ctx = getContext();
  // Each harness calls from an address of its own, so no test inherits another's rate-limit count.
  const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  return {
    ctx,
    database,
    async call<T>(route: Route, path: string, options: CallOptions = {}) {
      const url = new URL(path, HARNESS_ORIGIN);
      const params = matchPath(pathSegments(route.spec.path), url.pathname);
      if (params === null) throw new Error(`${url.pathname} is not a path of ${route.spec.path}`);
      for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
      const body =
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body);
      const req = new Request(url, {
        method: route.spec.method,
        headers: {
          'x-forwarded-for': address,
          // A body given as data is sent as JSON, as scripts and the dashboard send it.
          ...(body !== undefined && typeof options.body !== 'string'
            ? { 'content-type': 'application/json' }
            : {}),
          ...options.headers,
        },
        ...(body === undefined ? {} : { body }),
      });
      const response = await route.handle(req, params);
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      return {
        status: response.status,
        headers: response.headers,
        body: (contentType.includes('json') && text !== '' ? JSON.parse(text) : text) as T,
        text,
      };
    },
    async sessionCookie(user) {
      const token = await encodeSessionToken(ctx.config.AUTH_SECRET, { ...user, role: user.role ?? 'user' });
      return `next-auth.session-token=${token}`;
    },
    browserHeaders: (cookie) => ({ cookie, origin: HARNESS_ORIGIN, 'content-type': 'application/json' }),
    async close() {
      await deleteNamespace(ctx.redis);
      await closeContext();
      await database.drop();
    },
  };
}

/**
 * The test file's harness: `beforeAll` starts it (with `env`, as `startWebTest`) and `afterAll` closes it.
 * The WebTest returned forwards to that harness, so a file declares it once at the top and uses it in its
 * tests and hooks (`useHookedValue` says in which order they run).
 */
export function useWebTest(env: Record<string, string> = {}): WebTest {
  return useHookedObject({
    what: 'the web test harness',
    start: () => startWebTest(env),
    stop: (started) => started.close(),
  });
}
