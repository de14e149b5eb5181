/**
 * Every operation of the REST API as `/api/docs` describes it: the route files validate with the same
 * contract schemas, and openapi.test.ts fails when a route file and this table disagree on a path or a
 * method. Route files can export nothing but their handlers, so the table lives here.
 */
import { z } from 'zod';
import { MAX_ACTIVE_API_TOKENS_PER_USER } from '@deltastream/auth/rules';
import { DeadLetterJobSchema } from '@deltastream/bus/queues';
import {
  CandleSchema,
  EnrichedChainSchema,
  EnrichedUnderlyingSchema,
  ProductSchema,
  UnderlyingTickSchema,
} from '@deltastream/core/schemas';
import {
  AccessTokenResponseSchema,
  ApiTokenListResponseSchema,
  ApiTokenSchema,
  CreateApiTokenSchema,
  CreatedApiTokenResponseSchema,
  CredentialsSchema,
  LoginResponseSchema,
  RegisterResponseSchema,
  RegistrationSchema,
  RevokeApiTokenResponseSchema,
  SocketTokenResponseSchema,
  UserSchema,
  VerifyRequestSchema,
  VerifyResponseSchema,
} from '../contracts/accounts';
import {
  AnalyzeRequestSchema,
  AnalyzeResponseSchema,
  ChainQuerySchema,
  ChainResponseSchema,
  ErrorBodySchema,
  ExpiriesResponseSchema,
  ExpiryQuerySchema,
  GreeksResponseSchema,
  HealthResponseSchema,
  MaxPainResponseSchema,
  OhlcQuerySchema,
  OhlcResponseSchema,
  OiBuildupResponseSchema,
  PcrQuerySchema,
  PcrResponseSchema,
  ProductPathSchema,
  ProductsResponseSchema,
  UnderlyingQuerySchema,
  UnderlyingResponseSchema,
  VolatilitySurfaceResponseSchema,
} from '../contracts/rest';
import type { Access } from './route';

/** Schemas shown under their own name (responses and what they share), as the routes send them. */
export const RESPONSE_SCHEMAS = {
  Error: ErrorBodySchema,
  Product: ProductSchema,
  UnderlyingTick: UnderlyingTickSchema,
  EnrichedUnderlying: EnrichedUnderlyingSchema,
  EnrichedChain: EnrichedChainSchema,
  Candle: CandleSchema,
  ProductsResponse: ProductsResponseSchema,
  UnderlyingResponse: UnderlyingResponseSchema,
  ChainResponse: ChainResponseSchema,
  ExpiriesResponse: ExpiriesResponseSchema,
  OhlcResponse: OhlcResponseSchema,
  PcrResponse: PcrResponseSchema,
  VolatilitySurfaceResponse: VolatilitySurfaceResponseSchema,
  MaxPainResponse: MaxPainResponseSchema,
  OiBuildupResponse: OiBuildupResponseSchema,
  GreeksResponse: GreeksResponseSchema,
  AnalyzeResponse: AnalyzeResponseSchema,
  User: UserSchema,
  RegisterResponse: RegisterResponseSchema,
  AccessTokenResponse: AccessTokenResponseSchema,
  LoginResponse: LoginResponseSchema,
  SocketTokenResponse: SocketTokenResponseSchema,
  VerifyResponse: VerifyResponseSchema,
  ApiToken: ApiTokenSchema,
  ApiTokenListResponse: ApiTokenListResponseSchema,
  CreatedApiTokenResponse: CreatedApiTokenResponseSchema,
  RevokeApiTokenResponse: RevokeApiTokenResponseSchema,
  HealthResponse: HealthResponseSchema,
} as const;

/** Request bodies, as callers may send them (defaults applied by the server are optional here). */
export const REQUEST_SCHEMAS = {
  AnalyzeRequest: AnalyzeRequestSchema,
  Registration: RegistrationSchema,
  Credentials: CredentialsSchema,
  VerifyRequest: VerifyRequestSchema.unwrap(),
  CreateApiTokenRequest: CreateApiTokenSchema,
} as const;

/**
 * next-auth's own endpoints, which the browser's sign-in form uses. Described, not validated: next-auth
 * parses them itself.
 */
const NextAuthCsrfSchema = z.object({ csrfToken: z.string() });
const NextAuthSessionSchema = z.object({
  user: z
    .object({
      id: z.string(),
      email: z.string(),
      name: z.string().nullish(),
      role: z.enum(['user', 'admin']),
    })
    .optional(),
  expires: z.string().optional(),
});
const NextAuthSignInSchema = z.object({
  csrfToken: z.string(),
  email: z.string(),
  password: z.string(),
  callbackUrl: z.string().optional(),
  json: z.literal('true').optional(),
});
const NextAuthRedirectSchema = z.object({ url: z.string() });

/**
 * The queue administration routes declare their shapes inline (no contract module yet): described here
 * after packages/bus/queue-admin, whose DeadLetterJobSchema the entries follow.
 */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;
const AdminQueuesSchema = z.object({
  queues: z.array(z.object({ name: z.string(), counts: z.record(z.enum(QUEUE_STATES), z.number().int()) })),
  dead_letters: z.object({
    total: z.number().int(),
    /** Newest first, at most `limit`. */
    entries: z.array(DeadLetterJobSchema.extend({ id: z.string() })),
  }),
});
const AdminPurgeSchema = z.object({ purged: z.number().int() });
const AdminRetrySchema = z.object({
  retried: z.literal(true),
  id: z.string(),
  queue: z.string(),
  job_id: z.string(),
});

export const EXTRA_RESPONSE_SCHEMAS = {
  NextAuthCsrf: NextAuthCsrfSchema,
  NextAuthSession: NextAuthSessionSchema,
  NextAuthRedirect: NextAuthRedirectSchema,
  AdminQueues: AdminQueuesSchema,
  AdminPurge: AdminPurgeSchema,
  AdminRetry: AdminRetrySchema,
} as const;
export const EXTRA_REQUEST_SCHEMAS = { NextAuthSignIn: NextAuthSignInSchema } as const;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS | keyof typeof EXTRA_RESPONSE_SCHEMAS;
export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS | keyof typeof EXTRA_REQUEST_SCHEMAS;

export const TAGS = [
  { name: 'Market data', description: 'Products, ticks, chains, expiries and candles.' },
  {
    name: 'Analytics',
    description: 'PCR, IV surface, max pain, OI build-up, Greeks, and analysis of your own chain.',
  },
  { name: 'Accounts', description: 'Registration, sign-in, tokens for scripts and the realtime gateway.' },
  { name: 'Operations', description: 'Health, metrics, queue administration and this document.' },
] as const;
export type Tag = (typeof TAGS)[number]['name'];

/** Error statuses an operation can answer besides the ones its access, validation and rate limit imply. */
export type ExtraErrorStatus = 401 | 404 | 409;

interface ResponseSpec {
  status: number;
  description: string;
  schema?: ResponseSchemaName;
  contentType?: string;
}

export interface OperationSpec {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path template, e.g. `/api/data/chain/{product}`. */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  access: Access;
  /** Counted against the caller's API rate limit (default true, as in defineRoute). */
  rateLimited?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Extra words on a parameter, by name, beyond what its schema says. */
  parameterNotes?: Record<string, string>;
  body?: { schema: RequestSchemaName; required: boolean; contentType?: string };
  response: ResponseSpec;
  /** Answers other than the success and the error body, e.g. the health check's 503. */
  otherResponses?: readonly ResponseSpec[];
  errors?: readonly ExtraErrorStatus[];
}

const product = { params: ProductPathSchema };
const nearestExpiry = { expiry: 'Expiry date; omitted, the nearest live expiry.' };

export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/api/data/products',
    tag: 'Market data',
    summary: 'List products',
    description:
      "The active products of the catalogue, in the catalogue's order, with their contract terms and pricing conventions.",
    access: 'market',
    response: { status: 200, description: 'The products.', schema: 'ProductsResponse' },
  },
  {
    method: 'get',
    path: '/api/data/underlying/{product}',
    tag: 'Market data',
    summary: 'Underlying ticks',
    description:
      "Ticks in [start, end), the latest `limit` of them, oldest first. `latest` is the cached tick with the day's change, or null when the cache holds none.",
    access: 'market',
    ...product,
    query: UnderlyingQuerySchema,
    parameterNotes: { start: 'Inclusive.', end: 'Exclusive; must be after start.' },
    response: { status: 200, description: 'The ticks.', schema: 'UnderlyingResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/data/chain/{product}',
    tag: 'Market data',
    summary: 'Option chains',
    description:
      "Without `expiry`: the latest enriched chain of each of the nearest `limit` live expiries. With `expiry`: that expiry's newest `limit` snapshots, newest first.",
    access: 'market',
    ...product,
    query: ChainQuerySchema,
    parameterNotes: { limit: 'Chains (without expiry) or snapshots (with it).' },
    response: {
      status: 200,
      description: 'The chains with IV, Greeks and every metric.',
      schema: 'ChainResponse',
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/data/expiries/{product}',
    tag: 'Market data',
    summary: 'Live expiries',
    description: 'Expiries from today on (exchange calendar) that have data, nearest first.',
    access: 'market',
    ...product,
    response: { status: 200, description: 'The expiries.', schema: 'ExpiriesResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/data/ohlc/{product}',
    tag: 'Market data',
    summary: 'OHLC candles',
    description:
      "Candles of the underlying, the latest `limit` with bucket start in [start, end), oldest first. Stored 1-minute bars rolled up to `interval` on the product's exchange clock: a `1d` bar is one local day.",
    access: 'market',
    ...product,
    query: OhlcQuerySchema,
    parameterNotes: { start: 'Inclusive.', end: 'Exclusive; must be after start.' },
    response: { status: 200, description: 'The candles.', schema: 'OhlcResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/analytics/pcr/{product}',
    tag: 'Analytics',
    summary: 'Put-call ratio',
    description:
      'The latest PCR by open interest and by volume of one expiry, with its trend (oldest first).',
    access: 'market',
    ...product,
    query: PcrQuerySchema,
    parameterNotes: { ...nearestExpiry, history: 'Points of the trend.' },
    response: { status: 200, description: 'The PCR and its history.', schema: 'PcrResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/analytics/volatility-surface/{product}',
    tag: 'Analytics',
    summary: 'Implied volatility surface',
    description:
      'Out-of-the-money IV over strikes × live expiries (null where missing), moneyness at the newest spot, and the ATM IV term structure.',
    access: 'market',
    ...product,
    response: { status: 200, description: 'The surface.', schema: 'VolatilitySurfaceResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/analytics/max-pain/{product}',
    tag: 'Analytics',
    summary: 'Max pain',
    description:
      'The strike where option holders collect least at expiry, its distance from spot and the payout curve.',
    access: 'market',
    ...product,
    query: ExpiryQuerySchema,
    parameterNotes: nearestExpiry,
    response: { status: 200, description: 'Max pain.', schema: 'MaxPainResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/analytics/oi-buildup/{product}',
    tag: 'Analytics',
    summary: 'Open-interest build-up',
    description:
      'Per strike and side: OI, OI change and premium change since the previous snapshot, and the build-up class (long/short build-up, short covering, long unwinding).',
    access: 'market',
    ...product,
    query: ExpiryQuerySchema,
    parameterNotes: nearestExpiry,
    response: { status: 200, description: 'The build-up.', schema: 'OiBuildupResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/analytics/greeks/{product}',
    tag: 'Analytics',
    summary: 'Greeks by strike',
    description: 'IV, delta, gamma, vega (per vol point), theta (per day) and rho (per 1%) of every quote.',
    access: 'market',
    ...product,
    query: ExpiryQuerySchema,
    parameterNotes: nearestExpiry,
    response: { status: 200, description: 'The Greeks.', schema: 'GreeksResponse' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/analytics/analyze',
    tag: 'Analytics',
    summary: 'Analyze your own chain',
    description:
      "IV solved from each quote's prices, Greeks, PCR, ATM strike and straddle, implied move, max pain with its payout curve, the smile, OI build-up and gamma exposure — computed exactly as for live chains.",
    access: 'market',
    body: { schema: 'AnalyzeRequest', required: true },
    response: {
      status: 200,
      description: 'The enriched chain and its chart series.',
      schema: 'AnalyzeResponse',
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/auth/register',
    tag: 'Accounts',
    summary: 'Create an account',
    access: 'public',
    body: { schema: 'Registration', required: true },
    response: { status: 201, description: 'The account was created.', schema: 'RegisterResponse' },
    errors: [409],
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'Accounts',
    summary: 'Sign in for a login token',
    description:
      'Email and password in, a short-lived bearer token out (for scripts; browsers use the session).',
    access: 'public',
    body: { schema: 'Credentials', required: true },
    response: { status: 200, description: 'A login token.', schema: 'LoginResponse' },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/auth/verify',
    tag: 'Accounts',
    summary: 'Check a token',
    description: "Checks the token in the body, or else the request's own bearer token.",
    access: 'public',
    body: { schema: 'VerifyRequest', required: false },
    response: { status: 200, description: 'The token is valid.', schema: 'VerifyResponse' },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/auth/token',
    tag: 'Accounts',
    summary: 'Token for the realtime gateway',
    description: "A fresh access token for the signed-in browser and the gateway's public address.",
    access: 'user',
    response: { status: 200, description: 'An access token.', schema: 'SocketTokenResponse' },
  },
  {
    method: 'get',
    path: '/api/auth/csrf',
    tag: 'Accounts',
    summary: 'Sign-in form token (next-auth)',
    access: 'public',
    rateLimited: false,
    response: {
      status: 200,
      description: 'The CSRF token the sign-in form posts back.',
      schema: 'NextAuthCsrf',
    },
  },
  {
    method: 'post',
    path: '/api/auth/callback/credentials',
    tag: 'Accounts',
    summary: 'Browser sign-in (next-auth)',
    description:
      'Sets the session cookie on success. Failed attempts count against the same limits as POST /api/auth/login.',
    access: 'public',
    rateLimited: false,
    body: { schema: 'NextAuthSignIn', required: true, contentType: 'application/x-www-form-urlencoded' },
    response: {
      status: 200,
      description: 'Where to go next (with `json=true`).',
      schema: 'NextAuthRedirect',
    },
  },
  {
    method: 'get',
    path: '/api/auth/session',
    tag: 'Accounts',
    summary: 'Current browser session (next-auth)',
    access: 'public',
    rateLimited: false,
    response: {
      status: 200,
      description: 'The session; an empty object when signed out.',
      schema: 'NextAuthSession',
    },
  },
  {
    method: 'get',
    path: '/api/tokens',
    tag: 'Accounts',
    summary: 'List your API tokens',
    description: 'Revoked and expired ones included, newest first. Never the secrets.',
    access: 'user',
    response: { status: 200, description: 'The tokens.', schema: 'ApiTokenListResponse' },
  },
  {
    method: 'post',
    path: '/api/tokens',
    tag: 'Accounts',
    summary: 'Create an API token',
    description:
      'The secret (`ds_…`) is in this response only; it is stored as a SHA-256 hash. A user holds at most ' +
      `${MAX_ACTIVE_API_TOKENS_PER_USER} active tokens: one more is a 409.`,
    access: 'user',
    body: { schema: 'CreateApiTokenRequest', required: true },
    response: { status: 201, description: 'The token, with its secret.', schema: 'CreatedApiTokenResponse' },
    errors: [409],
  },
  {
    method: 'delete',
    path: '/api/tokens/{id}',
    tag: 'Accounts',
    summary: 'Revoke an API token',
    description: 'The token stops working at once on every server.',
    access: 'user',
    params: z.object({ id: z.uuid() }),
    parameterNotes: { id: "The token's id." },
    response: { status: 200, description: 'The token is revoked.', schema: 'RevokeApiTokenResponse' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/admin/queues',
    tag: 'Operations',
    summary: 'Queue overview',
    description: 'Job counts per queue and the newest dead-lettered jobs with their errors.',
    access: 'admin',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
    parameterNotes: { limit: 'Dead-lettered jobs to list.' },
    response: { status: 200, description: 'The queues.', schema: 'AdminQueues' },
  },
  {
    method: 'delete',
    path: '/api/admin/queues/dead-letter',
    tag: 'Operations',
    summary: 'Purge dead-lettered jobs',
    access: 'admin',
    response: { status: 200, description: 'How many were dropped.', schema: 'AdminPurge' },
  },
  {
    method: 'post',
    path: '/api/admin/queues/dead-letter/{id}/retry',
    tag: 'Operations',
    summary: 'Retry a dead-lettered job',
    description:
      'Re-enqueues the job on its own queue and drops the entry; 409 when its data is not a valid job.',
    access: 'admin',
    params: z.object({ id: z.string().min(1).max(300) }),
    parameterNotes: { id: "The dead-letter entry's id." },
    response: { status: 200, description: 'The job is queued again.', schema: 'AdminRetry' },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/health',
    tag: 'Operations',
    summary: 'Health',
    description: '200 when Redis and PostgreSQL both answer; 503 naming the one that does not.',
    access: 'public',
    rateLimited: false,
    response: { status: 200, description: 'Both stores answer.', schema: 'HealthResponse' },
    otherResponses: [{ status: 503, description: 'A store does not answer.', schema: 'HealthResponse' }],
  },
  {
    method: 'get',
    path: '/api/metrics',
    tag: 'Operations',
    summary: 'Prometheus metrics',
    description: 'Request latency by route, rate-limit refusals, sign-ins and process metrics.',
    access: 'public',
    rateLimited: false,
    response: {
      status: 200,
      description: 'Prometheus text exposition format.',
      contentType: 'text/plain; version=0.0.4',
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    tag: 'Operations',
    summary: 'This document',
    description: 'OpenAPI 3.1, generated from the zod schemas the routes validate with. Read it at /docs.',
    access: 'public',
    rateLimited: false,
    response: { status: 200, description: 'The OpenAPI document.' },
  },
];
