import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Principal } from '@deltastream/auth/principal';
import { consumeRateLimit, RATE_LIMIT_KEYS } from '@deltastream/bus/rate-limit';
import type { Logger } from '@deltastream/bus/logger';
import { DEFAULT_BODY_LIMIT_BYTES, readBoundedBody } from './body-limit';
import { csvColumns, csvStream, encodeCsv, type CsvPages, type CsvRecord } from './csv';
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

/**
 * A route's CSV form, declared once in its spec: what one row is and the row's schema, whose fields (nested
 * ones under dotted names, `call.iv`) are the header, in wire names. The rows come either from the JSON
 * answer (`rows`), or from a source of their own (`source`; for long history ranges, read from
 * PostgreSQL page by page) and written as they come, the JSON handler not being run. defineRoute negotiates the
 * format, /api/docs lists `text/csv` from it, and access, rate limit and validation are the JSON form's.
 */
export type CsvSpec<Result, Input> = {
  /** What one row is, in a phrase (/api/docs shows it). */
  row: string;
  /** One row's fields in the JSON's names; object fields flatten to `name.field` columns. */
  schema: z.ZodObject;
} & (
  | {
      /** The rows of the route's JSON answer. */
      rows(result: Result): Iterable<CsvRecord>;
    }
  | {
      /**
       * Rows of their own, page by page (the JSON handler is not run): resolves once the request is known
       * to be answerable (a missing product is still a 404), then each page is read when the response
       * stream asks for it; long history reads PostgreSQL by keyset pages (@deltastream/db's get…Pages).
       */
      source(input: Input): Promise<CsvPages>;
    }
);

/** The media type of the CSV form. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

type ParamsSchema = z.ZodObject | undefined;
type BodySchema = z.ZodType | undefined;
type ResponseSchema = z.ZodType | undefined;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Everything about one REST route, declared once: the router matches `method` and `path`, the wrapper
 * enforces `access`, the rate limit and the schemas, and `/api/docs` and the access tests are generated
 * from it.
 */
export interface RouteSpec<
  P extends ParamsSchema,
  Q extends ParamsSchema,
  B extends BodySchema,
  S extends ResponseSchema = ResponseSchema,
> {
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
  response: ResponseSpec & { schema?: S };
  /** Answers other than the success and the error body, e.g. the health check's 503. */
  otherResponses?: readonly ResponseSpec[];
  errors?: readonly ExtraErrorStatus[];
  /** Counts the request against the caller's API rate limit (default true). */
  rateLimited?: boolean;
  /** The CSV form of a GET (`?format=csv` or `Accept: text/csv`); none: JSON only. */
  csv?: CsvSpec<Parsed<S>, RouteInput<P, Q, B>>;
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

const streamedResponses = new WeakSet<Response>();

/**
 * A response whose body is written as it is produced (a long CSV range): the market API's Node server
 * sends it chunked instead of collecting it for a Content-Length (see node-http.ts).
 */
export function streamedResponse(
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string>,
): Response {
  const response = new Response(body, { headers });
  streamedResponses.add(response);
  return response;
}

export function isStreamedResponse(response: Response): boolean {
  return streamedResponses.has(response);
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

export type ResponseFormat = 'json' | 'csv';

/** The values `format` takes. */
export const RESPONSE_FORMATS: readonly ResponseFormat[] = ['json', 'csv'];

/** The weight an Accept header gives `mediaRange` (RFC 9110 §12.5.1), 0 when it does not name it. */
function acceptWeight(accept: string, mediaRange: string): number {
  for (const part of accept.split(',')) {
    const [range, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (range !== mediaRange) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(weight) ? weight : 0;
  }
  return 0;
}

/**
 * Which form a GET answers: `format` (json or csv; anything else, or csv on a route without a CSV
 * form, is a 400 naming `format`), else CSV when Accept names text/csv at least as high as JSON (and
 * the route has a CSV form), else JSON. Requests other than GET are JSON.
 */
export function negotiateFormat(
  spec: AnyRouteSpec,
  method: string,
  format: string | null,
  accept: string | null,
): ResponseFormat {
  if (method !== 'GET' && method !== 'HEAD') return 'json';
  if (format !== null) {
    if (format === 'json') return 'json';
    if (format !== 'csv') {
      throw new AppError('VALIDATION_ERROR', 'format: must be json or csv', { field: 'format' });
    }
    if (spec.csv === undefined) {
      throw new AppError('VALIDATION_ERROR', 'format: this route answers JSON only', { field: 'format' });
    }
    return 'csv';
  }
  if (spec.csv === undefined || accept === null) return 'json';
  const csv = acceptWeight(accept, 'text/csv');
  const json = Math.max(acceptWeight(accept, 'application/json'), acceptWeight(accept, 'application/*'));
  return csv > 0 && csv >= json ? 'csv' : 'json';
}

/**
 * `<product>-<route>-<date>.csv`: the product asked for (else `deltastream`), the path's last literal
 * segment and today's UTC date.
 */
export function csvFileName(spec: AnyRouteSpec, params: unknown, now: Date = new Date()): string {
  const product =
    params !== null && typeof params === 'object' && 'product' in params && typeof params.product === 'string'
      ? params.product
      : 'deltastream';
  const name = spec.path
    .split('/')
    .filter((segment) => segment !== '' && !segment.startsWith('{'))
    .at(-1);
  return `${product}-${name}-${now.toISOString().slice(0, 10)}.csv`;
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
  S extends ResponseSchema = undefined,
>(spec: RouteSpec<P, Q, B, S>, handler: (input: RouteInput<P, Q, B>) => Promise<unknown>): Route<P, Q, B> {
  const columns = spec.csv === undefined ? [] : csvColumns(spec.csv.schema);
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
      const { searchParams } = new URL(req.url);
      const format = negotiateFormat(spec, req.method, searchParams.get('format'), req.headers.get('accept'));
      if (spec.method === 'GET') searchParams.delete('format');
      const params = parse(spec.params as P, pathParams, 'path');
      const query = parse(spec.query as Q, Object.fromEntries(searchParams), 'query');
      const body =
        spec.body === undefined
          ? (undefined as Parsed<B>)
          : parse(spec.body, await readBody(req, spec), 'body');
      const input = { req, ctx, principal, params, query, body, address, logger };
      if (format === 'csv' && spec.csv !== undefined) {
        const csvHeaders = {
          'content-type': CSV_CONTENT_TYPE,
          'content-disposition': `attachment; filename="${csvFileName(spec, params)}"`,
        };
        response =
          'source' in spec.csv
            ? streamedResponse(
                csvStream(columns, await spec.csv.source(input), (error) =>
                  logger.error({ err: error }, 'CSV stream failed'),
                ),
                csvHeaders,
              )
            : // The JSON answer is the response schema's output (the route's contract).
              new Response(encodeCsv(columns, spec.csv.rows((await handler(input)) as Parsed<S>)), {
                headers: csvHeaders,
              });
      } else {
        const result = await handler(input);
        response = result instanceof Response ? result : json(result);
      }
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
