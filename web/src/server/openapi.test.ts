import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiDocument, type HttpMethod } from './openapi';

const APP_DIR = fileURLToPath(new URL('../app', import.meta.url));

interface RouteFile {
  /** e.g. `api/data/chain/[product]/route.ts`. */
  file: string;
  segments: string[];
  methods: string[];
}

/** Every route handler file under app/api with the HTTP methods it exports. */
function routeFiles(dir = join(APP_DIR, 'api')): RouteFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    if (entry.name !== 'route.ts') return [];
    const file = path.slice(APP_DIR.length + 1);
    const source = readFileSync(path, 'utf8');
    const methods = [
      ...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
    ].map((match) => match[1]!.toLowerCase());
    return [{ file, segments: file.split('/').slice(0, -1), methods }];
  });
}

/**
 * How well a route file's segments match a documented path, or null: Next.js serves a path from the
 * best match, static segments before dynamic ones before catch-alls. `{name}` in the path must meet
 * `[name]`; a catch-all takes one or more literal segments.
 */
function matchScore(route: string[], path: string[]): number[] | null {
  const score: number[] = [];
  for (let i = 0; i < route.length; i += 1) {
    const segment = route[i]!;
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (catchAll) {
      const rest = path.slice(i);
      return i === route.length - 1 && rest.length > 0 && rest.every((part) => !part.startsWith('{'))
        ? [...score, 0]
        : null;
    }
    const part = path[i];
    if (part === undefined) return null;
    const dynamic = /^\[(\w+)\]$/.exec(segment);
    if (dynamic) {
      if (part.startsWith('{') && part !== `{${dynamic[1]}}`) return null;
      score.push(1);
    } else {
      if (part !== segment) return null;
      score.push(2);
    }
  }
  return route.length === path.length ? score : null;
}

/** Segment by segment, the more specific score wins. */
function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The route file Next.js serves `path` (an OpenAPI template) from. */
function serving(path: string, files: RouteFile[]): RouteFile | undefined {
  const parts = path.split('/').filter(Boolean);
  let best: { file: RouteFile; score: number[] } | undefined;
  for (const file of files) {
    const score = matchScore(file.segments, parts);
    if (score && (!best || compareScores(score, best.score) > 0)) best = { file, score };
  }
  return best?.file;
}

const document = openApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method: method as HttpMethod, operation })),
);

describe('the OpenAPI document', () => {
  const files = routeFiles();

  it('finds the route files (so the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.find((f) => f.file === 'api/data/chain/[product]/route.ts')?.methods).toEqual(['get']);
    expect(serving('/api/auth/session', files)?.file).toBe('api/auth/[...nextauth]/route.ts');
    expect(serving('/api/auth/login', files)?.file).toBe('api/auth/login/route.ts');
    expect(serving('/api/tokens/{id}', files)?.file).toBe('api/tokens/[id]/route.ts');
    expect(serving('/api/tokens/{token}', files)).toBeUndefined();
  });

  it('documents every method of every route file under app/api', () => {
    const undocumented = files.flatMap(({ file, methods }) =>
      methods
        .filter(
          (method) =>
            !operations.some((op) => op.method === method && serving(op.path, files)?.file === file),
        )
        .map((method) => `${method.toUpperCase()} ${file}`),
    );
    expect(undocumented).toEqual([]);
  });

  it('documents only operations that a route file serves', () => {
    const unserved = operations
      .filter(({ path, method }) => !serving(path, files)?.methods.includes(method))
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(unserved).toEqual([]);
  });

  it('declares each path parameter of a path, and only those', () => {
    for (const { path, operation } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, path).toEqual(inPath);
    }
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
        Object.keys(operation.responses).some((status) => status.startsWith('2')),
        path,
      ).toBe(true);
    }
  });

  it('describes the contract: limits, defaults, request bodies and the error body', () => {
    const chain = document.paths['/api/data/chain/{product}']!.get!;
    expect(chain.parameters.find((p) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 20, default: 1 },
    });
    expect(chain.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(chain.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ChainResponse' } } },
    });
    expect(document.paths['/api/docs']!.get!.security).toEqual([]);
    const analyze = document.components.schemas.AnalyzeRequest as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(analyze.required).toEqual(['spot_price', 'expiry', 'quotes']);
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] });
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
