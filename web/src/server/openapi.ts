/**
 * The OpenAPI 3.1 document of the REST API, generated from the route registry: each route's spec gives
 * its path, method, access, parameters, body and responses, and zod's own `z.toJSONSchema` (JSON Schema
 * 2020-12, the dialect OpenAPI 3.1 uses) writes the schemas the routes validate with, so the document,
 * the validation and the dashboard's types come from one source. Parameters and request bodies are
 * described as callers send them (zod's input side: defaults make a field optional), responses as the
 * server sends them.
 */
import { z } from 'zod';
import { API_SCHEMAS, apiSchemaName } from '../contracts/api-schemas';
import { NEXT_AUTH_ENDPOINTS } from '../routes/next-auth-endpoints';
import { ROUTES } from '../routes/registry';
import { API_TAGS } from './api-tags';
import { csvColumns } from './csv';
import {
  BODY_MEDIA_TYPES,
  CSV_CONTENT_TYPE,
  RESPONSE_FORMATS,
  type AnyRouteSpec,
  type ResponseSpec,
} from './route';

/** A route's spec as the document reads it (next-auth's endpoints are described in the same terms). */
export type DocumentedOperation = AnyRouteSpec;

export type JsonSchema = { [keyword: string]: unknown };
export type HttpMethod = Lowercase<AnyRouteSpec['method']>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    headers: Record<string, { description: string; schema: JsonSchema }>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

const SCHEMA_REF = '#/components/schemas/';
const schemaRef = (name: string) => ({ $ref: `${SCHEMA_REF}${name}` });

/** zod's output carries `$schema` (and `$id` for registry entries); inside an OpenAPI document both are noise. */
function bare({ $schema: _schema, $id: _id, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

/** A body schema as callers send it: an optional body is described by what it holds when sent. */
export function sentBody(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/**
 * Every named schema (API_SCHEMAS) under its name, references between them as `$ref`s: the ones sent
 * as request bodies as callers write them, the others as the server writes them.
 */
function namedSchemas(operations: readonly DocumentedOperation[]): Record<string, JsonSchema> {
  const bodies = new Set(
    operations.flatMap((spec) => (spec.body ? [apiSchemaName(sentBody(spec.body))] : [])),
  );
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(API_SCHEMAS, { io, unrepresentable: 'any', uri: (id) => `${SCHEMA_REF}${id}` }).schemas;
  const [input, output] = [convert('input'), convert('output')];
  return Object.fromEntries(
    Object.keys(output)
      .sort()
      .map((id) => [id, bare((bodies.has(id) ? input : output)[id] ?? {})]),
  );
}

/** A reference to the schema's component, or the schema written out when it has no name. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const name = apiSchemaName(schema);
  return name === undefined ? bare(z.toJSONSchema(schema, { io, unrepresentable: 'any' })) : schemaRef(name);
}

const ERROR_RESPONSES = {
  400: [
    'BadRequest',
    'A parameter or the body is invalid; `field` names it (`expiry`, `limit`, `quotes.0.strike`).',
  ],
  401: ['Unauthorized', 'No valid credentials, or wrong ones.'],
  403: [
    'Forbidden',
    "These credentials may not call this (an API token without the scope, or one on an account route), or a cross-site request: a state-changing request signed in by the session cookie must be JSON from this site's Origin, and a form post must come from this site.",
  ],
  404: ['NotFound', 'Not found; `field` names what (`product`, `expiry`, `id`).'],
  409: ['Conflict', 'Conflicts with what exists; `field` names it.'],
  413: [
    'PayloadTooLarge',
    'The body is larger than the route accepts (its limit is in the message); it is refused unread and the connection closed.',
  ],
  429: ['RateLimited', 'Too many requests; `Retry-After` gives the seconds to wait.'],
  500: ['InternalError', "An unexpected failure; quote the response's `x-request-id` to support."],
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit': 'RateLimitLimit',
  'x-ratelimit-remaining': 'RateLimitRemaining',
  'x-ratelimit-reset': 'RateLimitReset',
} as const;

const PARAMETER_NOTES: Record<string, string> = {
  product: 'Product symbol, e.g. NIFTY (any case).',
  start: 'ISO-8601 date-time or epoch milliseconds.',
  end: 'ISO-8601 date-time or epoch milliseconds.',
};

const ACCESS_NOTES = {
  public: undefined,
  market:
    'Any signed-in user, login token, or API token with the `read:market` scope; anyone when the server runs with PUBLIC_MARKET_DATA.',
  user: 'A signed-in browser or a login token (API tokens only read market data).',
  admin: "An administrator's session or login token.",
} as const;

function operationId(spec: DocumentedOperation): string {
  const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const words = spec.path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'api')
    .map((segment) =>
      segment.startsWith('{')
        ? `By${capitalized(segment.slice(1, -1))}`
        : segment.split('-').map(capitalized).join(''),
    );
  return `${spec.method.toLowerCase()}${words.join('')}`;
}

/** The `format` parameter of a route with a CSV form. */
function formatParameter(spec: DocumentedOperation): OpenApiParameter[] {
  if (spec.csv === undefined) return [];
  return [
    {
      name: 'format',
      in: 'query',
      required: false,
      description:
        'json (default) or csv; `Accept: text/csv` asks for CSV too. CSV: a header row of the wire field names (nested ones dotted), one row per ' +
        `${spec.csv.row}; RFC 4180, CRLF, empty for null, sent as an attachment.`,
      schema: { type: 'string', enum: [...RESPONSE_FORMATS], default: 'json' },
    },
  ];
}

function parameters(spec: DocumentedOperation): OpenApiParameter[] {
  const located = [
    ['path', spec.params],
    ['query', spec.query],
  ] as const;
  const fields = located.flatMap(([location, object]) =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const schema = field as z.ZodType;
      const notes = [PARAMETER_NOTES[name], spec.parameterNotes?.[name]].filter(Boolean);
      return {
        name,
        in: location,
        required: location === 'path' || !schema.safeParse(undefined).success,
        ...(notes.length > 0 ? { description: notes.join(' ') } : {}),
        schema: bare(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })),
      };
    }),
  );
  return [...fields, ...formatParameter(spec)];
}

function errorStatuses(spec: DocumentedOperation): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(spec.errors ?? []);
  if (spec.params || spec.query || spec.body) statuses.add(400);
  if (spec.access !== 'public') statuses.add(401).add(403);
  if (spec.method !== 'GET') statuses.add(403);
  if (spec.body) statuses.add(413);
  if (spec.rateLimited !== false) statuses.add(429);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

/** The CSV form's entry beside the JSON one: the header row it starts with, as an example. */
function csvContent(csv: NonNullable<DocumentedOperation['csv']>): OpenApiResponse['content'] {
  return {
    [CSV_CONTENT_TYPE.split(';')[0]!]: {
      schema: {
        type: 'string',
        description: `One row per ${csv.row}, after a header row of these columns.`,
        example: `${csvColumns(csv.schema).join(',')}\r\n`,
      },
    },
  };
}

function response(
  spec: ResponseSpec,
  rateLimited: boolean,
  csv?: DocumentedOperation['csv'],
): OpenApiResponse {
  return {
    description: spec.description,
    ...(rateLimited
      ? {
          headers: Object.fromEntries(
            Object.entries(RATE_LIMIT_HEADERS).map(([name, id]) => [
              name,
              { $ref: `#/components/headers/${id}` },
            ]),
          ),
        }
      : {}),
    content: {
      [spec.contentType ?? 'application/json']: {
        schema: spec.schema
          ? schemaOf(spec.schema, 'output')
          : { type: spec.contentType ? 'string' : 'object' },
      },
      ...(csv === undefined ? {} : csvContent(csv)),
    },
  };
}

function operation(spec: DocumentedOperation): OpenApiOperation {
  const rateLimited = spec.rateLimited !== false;
  const accessNote = ACCESS_NOTES[spec.access];
  const description = [spec.description, accessNote && `Access: ${accessNote}`].filter(Boolean).join('\n\n');
  const responses: OpenApiOperation['responses'] = {
    [spec.response.status]: response(spec.response, rateLimited, spec.csv),
  };
  for (const other of spec.otherResponses ?? []) responses[other.status] = response(other, false);
  for (const status of errorStatuses(spec))
    responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` };
  return {
    operationId: operationId(spec),
    tags: [spec.tag],
    summary: spec.summary,
    ...(description ? { description } : {}),
    security: spec.access === 'public' ? [] : [{ bearer: [] }, { session: [] }],
    parameters: parameters(spec),
    ...(spec.body
      ? {
          requestBody: {
            required: !spec.body.safeParse(undefined).success,
            content: {
              [BODY_MEDIA_TYPES[spec.bodyEncoding ?? 'json']]: {
                schema: schemaOf(sentBody(spec.body), 'input'),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

const INFO_DESCRIPTION = `Live option chains, analytics and history of the DeltaStream platform.

**Authentication.** Scripts send \`Authorization: Bearer <token>\`: an API token (\`ds_…\`, created in Settings or with POST /api/tokens; market routes need its \`read:market\` scope) or a login token from POST /api/auth/login. Browsers use the session cookie set by signing in.

**Errors** are \`{ "error": { "code", "message", "field"? } }\`; \`field\` names the offending parameter or body field. Every response carries \`x-request-id\`.

**Rate limits** count requests per API token, user or address per minute; the \`x-ratelimit-*\` headers say where a caller stands.

**Conventions.** Names are snake_case. Instants are ISO-8601 UTC; expiry dates are YYYY-MM-DD on the product's exchange calendar. IV is annualised (0.15 = 15%); vega and rho are per 1 point, theta per day of the product's day count; gamma exposure is per 1% move.`;

/** Every operation the document describes: the registry's routes and next-auth's endpoints. */
export function documentedOperations(): DocumentedOperation[] {
  return [...ROUTES.map((route) => route.spec), ...NEXT_AUTH_ENDPOINTS];
}

function buildOpenApiDocument(): OpenApiDocument {
  const operations = documentedOperations();
  const paths: OpenApiDocument['paths'] = {};
  for (const spec of operations) {
    (paths[spec.path] ??= {})[spec.method.toLowerCase() as HttpMethod] = operation(spec);
  }
  const integerHeader = (description: string) => ({ description, schema: { type: 'integer' } });
  return {
    openapi: '3.1.0',
    info: { title: 'DeltaStream API', version: '1', description: INFO_DESCRIPTION },
    tags: API_TAGS.map((tag) => ({ ...tag })),
    paths,
    components: {
      schemas: namedSchemas(operations),
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(([name, description]) => [
          name,
          {
            description,
            ...(name === 'RateLimited'
              ? { headers: { 'retry-after': { $ref: '#/components/headers/RetryAfter' } } }
              : {}),
            content: { 'application/json': { schema: schemaRef('Error') } },
          },
        ]),
      ),
      headers: {
        RateLimitLimit: integerHeader('Requests allowed per minute.'),
        RateLimitRemaining: integerHeader('Requests left in the current minute.'),
        RateLimitReset: integerHeader('Seconds until the count starts again.'),
        RetryAfter: integerHeader('Seconds to wait before trying again.'),
      },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (`ds_…`) or a login token from POST /api/auth/login.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description:
            'The browser session set by signing in (`__Secure-next-auth.session-token` over HTTPS).',
        },
      },
    },
  };
}

let cache: { document: OpenApiDocument; json: string } | undefined;

/** Built once per process: the schemas cannot change while it runs. */
function built(): { document: OpenApiDocument; json: string } {
  if (!cache) {
    const document = buildOpenApiDocument();
    cache = { document, json: JSON.stringify(document) };
  }
  return cache;
}

export const openApiDocument = (): OpenApiDocument => built().document;
export const openApiJson = (): string => built().json;
