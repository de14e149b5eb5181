import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiSchemaName } from '../contracts/api-schemas';
import { NEXT_AUTH_ENDPOINTS } from '../routes/next-auth-endpoints';
import { ROUTES } from '../routes/registry';
import {
  documentedOperations,
  openApiDocument,
  sentBody,
  type HttpMethod,
  type OpenApiResponse,
} from './openapi';
import { pathParamNames } from './route-path';

const document = openApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method as HttpMethod, operation })),
);
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes exactly the registry's routes and next-auth's endpoints, once each", () => {
    const expected = [...ROUTES.map((route) => route.spec), ...NEXT_AUTH_ENDPOINTS].map((spec) =>
      key(spec.method, spec.path),
    );
    expect(new Set(expected).size).toBe(expected.length);
    expect(operations.map(({ method, path }) => key(method, path)).sort()).toEqual(expected.sort());
    expect(documentedOperations()).toHaveLength(expected.length);
  });

  it("takes each operation's access, summary and parameters from its route's spec", () => {
    for (const { spec } of ROUTES) {
      const operation = document.paths[spec.path]![spec.method.toLowerCase() as HttpMethod]!;
      expect(operation.summary).toBe(spec.summary);
      expect(operation.tags).toEqual([spec.tag]);
      expect(operation.security, key(spec.method, spec.path)).toEqual(
        spec.access === 'public' ? [] : [{ bearer: [] }, { session: [] }],
      );
      expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(
        pathParamNames(spec.path),
      );
      expect(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
        ...Object.keys(spec.query?.shape ?? {}),
        ...(spec.csv ? ['format'] : []),
      ]);
      expect(operation.requestBody !== undefined).toBe(spec.body !== undefined);
      const success = operation.responses[String(spec.response.status)];
      expect(success).toBeDefined();
      // A route with a CSV form lists text/csv beside JSON; no other does.
      expect(Object.keys((success as OpenApiResponse).content ?? {}).includes('text/csv')).toBe(
        spec.csv !== undefined,
      );
    }
  });

  it("declares a schema for each path parameter, and names every route's response and body schema", () => {
    for (const { spec } of ROUTES) {
      expect(Object.keys(spec.params?.shape ?? {}), spec.path).toEqual(pathParamNames(spec.path));
    }
    const unnamed = documentedOperations().flatMap((spec) =>
      [spec.response, ...(spec.otherResponses ?? [])]
        .flatMap((response) => (response.schema ? [response.schema] : []))
        .concat(spec.body ? [sentBody(spec.body)] : [])
        .filter((schema) => apiSchemaName(schema) === undefined)
        .map(() => key(spec.method, spec.path)),
    );
    expect(unnamed).toEqual([]);
  });

  it('resolves every $ref and gives every operation a unique id and a success response', () => {
    const text = JSON.stringify(document);
    const refs = new Set(
      [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`),
    );
    expect(refs.size).toBeGreaterThan(30);
    const components = document.components as unknown as Record<string, Record<string, unknown>>;
    for (const ref of refs) {
      const [kind, name] = ref.split('/') as [string, string];
      expect(components[kind]?.[name], ref).toBeDefined();
    }
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of operations) {
      expect(
        // The account forms' success is a redirect (303) to where the user was going.
        Object.keys(operation.responses).some((status) => /^2|^303$/.test(status)),
        path,
      ).toBe(true);
    }
  });

  it('describes the contract: limits, defaults, request bodies and the error body', () => {
    const chain = document.paths['/api/data/chain/{product}']!.get!;
    expect(chain.operationId).toBe('getDataChainByProduct');
    expect(chain.parameters.find((p) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 20, default: 1 },
    });
    expect(chain.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(chain.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ChainResponse' } } },
    });
    expect(chain.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(document.paths['/api/docs']!.get!.security).toEqual([]);
    const analyze = document.components.schemas.AnalyzeRequest as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(analyze.required).toEqual(['spot_price', 'expiry', 'quotes']);
    expect(document.paths['/api/auth/verify']!.post!.requestBody).toMatchObject({
      required: false,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/VerifyRequest' } } },
    });
    expect(document.paths['/api/analytics/analyze']!.post!.requestBody?.required).toBe(true);
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] });
    // Strategies: requests as callers write them, with examples; live P&L defined where it is served.
    const strategyRequest = document.components.schemas.StrategyAnalysisRequest as {
      required: string[];
      examples: { legs: unknown[] }[];
      additionalProperties: boolean;
    };
    expect(strategyRequest.required).toEqual(['product', 'legs']);
    expect(strategyRequest.additionalProperties).toBe(false);
    expect(strategyRequest.examples.length).toBeGreaterThan(0);
    expect(strategyRequest.examples[0]!.legs).toHaveLength(4);
    expect(document.paths['/api/strategies']!.get!.description).toContain('mark_to_market_pnl');
    expect(document.paths['/api/strategies/{id}']!.delete!.tags).toEqual(['Strategies']);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
