import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Principal } from '@deltastream/auth/principal';
import { consumeRateLimit, RATE_LIMIT_KEYS } from '@deltastream/bus/rate-limit';
import type { Logger } from '@deltastream/bus/logger';
import { DEFAULT_BODY_LIMIT_BYTES, readBoundedBody } from './body-limit';
import { getContext, type WebContext } from './context';
import { AppError, tooManyRequests } from './errors';
import { resolvePrincipal } from './principal';
import { clientAddress, clientUsedTls, requestOrigin } from './client-address';
import { API_CONTENT_SECURITY_POLICY, commonSecurityHeaders } from './security-headers';
import type { Tag } from './api-tags';

/**
 * Who may call a route. `public`: anyone. `market`: market data and analytics, open to any signed-in
 * user, login token or API token with `read:market`, and to anonymous callers when PUBLIC_MARKET_DATA is
 * on. `user`: a signed-in user or login token (API tokens only read market data). `admin`: role admin.
 */
export type Access = 'public' | 'market' | 'user' | 'admin';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Error statuses a route can answer besides the ones its access, validation and rate limit imply. */
export type ExtraErrorStatus = 401 | 404 | 409;

/** How a body is sent: JSON (scripts, the dashboard), or an HTML form's fields (the sign-in forms). */
export type BodyEncoding = 'json' | 'form';

/** The media type of each encoding, as the Content-Type names it. */
export const BODY_MEDIA_TYPES: Record<BodyEncoding, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

export interface ResponseSpec {
  status: number;
  description: string;
  /** The body's schema (named in API_SCHEMAS to appear in /api/docs by name); none for a non-JSON body. */
  schema?: z.ZodType;
  contentType?: string;
}

type ParamsSchema = z.ZodObject | undefined;
type BodySchema = z.ZodType | undefined;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Everything about one REST route, declared once: the router matches `method` and `path`, the wrapper
 * enforces `access`, the rate limit and the schemas, and `/api/docs` and the access tests are generated
 * from it.
 */
export interface RouteSpec<P extends ParamsSchema, Q extends ParamsSchema, B extends BodySchema> {
  method: HttpMethod;
  /** The path pattern, e.g. `/api/data/chain/{product}`: OpenAPI's path template and the metrics label. */
  path: string;
  access: Access;
  tag: Tag;
  summary: string;
  description?: string;
  /** One entry per `{name}` of the path. */
  params?: P;
  query?: Q;
  /** The body's fields; an optional schema (`.optional()`) makes the body optional. */
  body?: B;
  /** How the body is encoded (default JSON). */
  bodyEncoding?: BodyEncoding;
  /** The largest body accepted, in bytes (default DEFAULT_BODY_LIMIT_BYTES); beyond, a 413 unread. */
  maxBodyBytes?: number;
  /** Extra words on a parameter, by name, beyond what its schema says. */
  parameterNotes?: Record<string, string>;
  response: ResponseSpec;
  /** Answers other than the success and the error body, e.g. the health check's 503. */
  otherResponses?: readonly ResponseSpec[];
  errors?: readonly ExtraErrorStatus[];
  /** Counts the request against the caller's API rate limit (default true). */
  rateLimited?: boolean;
}

/** A route's spec as the registry, the router and the document read it. */
export type AnyRouteSpec = RouteSpec<ParamsSchema, ParamsSchema, BodySchema>;

export interface RouteInput<P extends ParamsSchema, Q extends ParamsSchema, B extends BodySchema> {
  req: Request;
  ctx: WebContext;
  principal: Principal;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** The client's address, as far as trusted proxies say. */
  address: string;
  logger: Logger;
}

/** A route: its spec and the handler defineRoute wraps around the route's own function. */
export interface Route<
  P extends ParamsSchema = ParamsSchema,
  Q extends ParamsSchema = ParamsSchema,
  B extends BodySchema = BodySchema,
> {
  spec: RouteSpec<P, Q, B>;
  /** Answers a request whose path matched `spec.path`; `params` are its decoded `{name}` segments. */
  handle(req: Request, params: Record<string, string>): Promise<Response>;
}

/** A JSON response; handlers that already hold JSON text (a cached chain) pass it as `rawJson`. */
export function json(
  data: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return rawJson(JSON.stringify(data), init);
}

export function rawJson(
  text: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(text, {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers },
  });
}

/**
 * A response whose body is `bytes` as they are. Shared bytes (a body held for many requests) are handed
 * to the response stream without the copy `new Response(bytes)` would make of them.
 */
export function bytesResponse(bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Response(body, { headers });
}

/** `{ error: { code, message, field? } }` with the error's status and headers. */
export function errorResponse(error: AppError, headers: Record<string, string> = {}): Response {
  const { field } = error.options;
  return json(
    { error: { code: error.code, message: error.message, ...(field === undefined ? {} : { field }) } },
    { status: error.status, headers: { ...headers, ...error.options.headers } },
  );
}

/** The first issue of a zod error as a 400 naming the field (`expiry: …`); `where` says which part of the request. */
export function validationError(error: z.ZodError, where: 'path' | 'query' | 'body'): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where;
  return new AppError('VALIDATION_ERROR', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

function parse<S extends z.ZodType | undefined>(
  schema: S,
  value: unknown,
  where: 'path' | 'query' | 'body',
): Parsed<S> {
  if (schema === undefined) return undefined as Parsed<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data as Parsed<S>;
}

/** The body's fields as sent, read no further than the route's limit: JSON, or a form's fields. */
async function readBody(req: Request, spec: AnyRouteSpec): Promise<unknown> {
  const bytes = await readBoundedBody(req, spec.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  const text = new TextDecoder().decode(bytes);
  if (spec.bodyEncoding === 'form') return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_ERROR', 'body: not valid JSON', { field: 'body' });
  }
}

/** The media type of a Content-Type header, without parameters (`application/json; charset=utf-8`). */
function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Throws the 401 or 403 that `access` gives `principal`; returns when it may call the route. */
export function authorize(access: Access, principal: Principal, publicMarketData: boolean): void {
  if (access === 'public') return;
  if (principal.kind === 'anonymous') {
    if (access === 'market' && publicMarketData) return;
    throw new AppError('UNAUTHORIZED', 'sign in, or send "Authorization: Bearer <token>"');
  }
  if (access === 'market') {
    if (!principal.scopes.includes('read:market')) {
      throw new AppError('FORBIDDEN', 'this API token lacks the read:market scope');
    }
    return;
  }
  if (principal.via === 'api-token') {
    throw new AppError('FORBIDDEN', 'API tokens only read market data; sign in or use a login token');
  }
  if (access === 'admin' && principal.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'administrators only');
  }
}

/** The key a caller's requests are counted under: their API token, their account, or their address. */
function rateLimitSubject(principal: Principal, address: string): string {
  if (principal.kind === 'anonymous') return `ip:${address}`;
  return principal.via === 'api-token' ? `token:${principal.tokenId}` : `user:${principal.userId}`;
}

async function enforceApiRateLimit(ctx: WebContext, subject: string): Promise<Record<string, string>> {
  const limit = ctx.config.API_RATE_LIMIT_PER_MINUTE;
  const state = await consumeRateLimit(ctx.redis, RATE_LIMIT_KEYS.api(subject), limit, 60_000);
  const headers = {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': String(Math.ceil(state.resetMs / 1000)),
  };
  if (!state.allowed) {
    ctx.metrics.rateLimited.inc({ limit: 'api' });
    throw tooManyRequests(
      () => `rate limit of ${limit} requests per minute exceeded`,
      state.resetMs,
      headers,
    );
  }
  return headers;
}

/** Methods that never change state (RFC 9110 §9.2.1). */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Cross-site request forgery: a browser attaches our session cookie to requests other sites make it
 * send, and any site can make it post a form. So a state-changing request that a browser could send on
 * another site's behalf (one the session cookie authenticates, or a post of our own forms) must carry
 * our own origin in Origin, which browsers set on every POST, PATCH and DELETE and pages cannot forge; and a
 * cookie-authenticated one must be JSON, which a cross-site page cannot send without a CORS preflight
 * that is never granted. Bearer tokens are exempt: browsers never attach them on their own.
 */
export function refuseCrossSiteRequest(
  spec: AnyRouteSpec,
  req: Request,
  principal: Principal,
  trustedProxyHops: number,
): void {
  if (SAFE_METHODS.has(req.method)) return;
  const form = spec.bodyEncoding === 'form';
  const byCookie = principal.kind === 'user' && principal.via === 'session';
  if (!form && !byCookie) return;
  const origin = req.headers.get('origin');
  if (origin !== requestOrigin(req, trustedProxyHops)) {
    throw new AppError(
      'FORBIDDEN',
      `cross-site request refused: Origin ${origin ?? '(none)'} is not this site's; scripts send "Authorization: Bearer <token>"`,
    );
  }
  if (byCookie && !form && mediaType(req.headers.get('content-type')) !== BODY_MEDIA_TYPES.json) {
    throw new AppError(
      'FORBIDDEN',
      'a request signed in by the session cookie must send Content-Type: application/json',
    );
  }
}

/**
 * The one wrapper around every route handler: request id, credentials, access, cross-site refusal, rate
 * limit, zod validation of path, query and body (read no further than the route's limit), security
 * headers, and one translation of errors into `{ error: { code, message } }` (a 500 never carries
 * internals). The rate limit is decided before anything else runs, so a caller over it costs one Redis
 * script and no database work. Handlers take a standard Request and return data (sent as JSON) or a
 * Response, so Next.js and the market API's plain Node server run them alike.
 */
export function defineRoute<
  P extends ParamsSchema = undefined,
  Q extends ParamsSchema = undefined,
  B extends BodySchema = undefined,
>(spec: RouteSpec<P, Q, B>, handler: (input: RouteInput<P, Q, B>) => Promise<unknown>): Route<P, Q, B> {
  const handle = async (req: Request, pathParams: Record<string, string>): Promise<Response> => {
    const started = process.hrtime.bigint();
    const ctx = getContext();
    const hops = ctx.config.TRUSTED_PROXY_HOPS;
    const requestId = req.headers.get('x-request-id') ?? randomUUID();
    const logger = ctx.logger.child({ requestId, route: spec.path });
    let headers: Record<string, string> = { 'x-request-id': requestId };
    let response: Response;
    try {
      const address = clientAddress(req.headers, hops);
      const principal = await resolvePrincipal(req, ctx);
      authorize(spec.access, principal, ctx.config.PUBLIC_MARKET_DATA);
      refuseCrossSiteRequest(spec, req, principal, hops);
      if (spec.rateLimited !== false) {
        headers = { ...headers, ...(await enforceApiRateLimit(ctx, rateLimitSubject(principal, address))) };
      }
      const params = parse(spec.params as P, pathParams, 'path');
      const query = parse(spec.query as Q, Object.fromEntries(new URL(req.url).searchParams), 'query');
      const body =
        spec.body === undefined
          ? (undefined as Parsed<B>)
          : parse(spec.body, await readBody(req, spec), 'body');
      const result = await handler({ req, ctx, principal, params, query, body, address, logger });
      response = result instanceof Response ? result : json(result);
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    } catch (error) {
      if (error instanceof AppError) {
        response = errorResponse(error, headers);
      } else {
        logger.error({ err: error }, 'request failed');
        response = errorResponse(
          new AppError('INTERNAL', 'internal error; quote the request id to support'),
          headers,
        );
      }
    }
    withApiSecurityHeaders(response, clientUsedTls(req.headers, hops));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    ctx.metrics.requestDuration.observe(
      { route: spec.path, method: req.method, status: String(response.status) },
      seconds,
    );
    logger.debug({ method: req.method, status: response.status, ms: seconds * 1000 }, 'request');
    return response;
  };
  return { spec, handle };
}

/** Stamps an API answer with the security headers (src/server/security-headers.ts); returns it. */
export function withApiSecurityHeaders(response: Response, tls: boolean): Response {
  for (const [name, value] of Object.entries(commonSecurityHeaders(tls))) response.headers.set(name, value);
  if (!response.headers.has('content-security-policy')) {
    response.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
  }
  return response;
}
