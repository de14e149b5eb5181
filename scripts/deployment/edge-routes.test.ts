/**
 * One set of path rules for every edge: the compose `edge` (ops/nginx/edge.conf) and the Ingress
 * (k8s/ingress.yaml) send each path to the service packages/bus/src/edge-routes.ts names, which web's
 * local edge and the market API read. Checked by resolving sample paths the way nginx and ingress-nginx
 * do and comparing the three answers.
 */
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import { describe, expect, it } from 'vitest';
import {
  EDGE_DEFAULT_SERVICE,
  EDGE_MAX_BODY_BYTES,
  EDGE_ROUTES,
  edgeServiceFor,
  type EdgeService,
} from '@deltastream/bus/edge-routes';
import { readRepoFile, readYamlDocuments } from './repo-files';

const SERVICES: readonly EdgeService[] = ['web', 'market-api', 'realtime'];

/** Paths under every rule, beside them, and elsewhere. */
const SAMPLE_PATHS = [
  ...EDGE_ROUTES.flatMap(({ prefix }) => [prefix, `${prefix}NIFTY`, `${prefix}chain/NIFTY`]),
  ...EDGE_ROUTES.map(({ prefix }) => `${prefix.slice(0, -1)}x/NIFTY`),
  '/',
  '/signin',
  '/docs',
  '/settings',
  '/_next/static/chunks/app.js',
  '/health',
  '/ready',
  '/api/metrics',
  '/api/docs',
  '/api/auth/session',
  '/api/auth/login',
  '/api/tokens',
  '/api/admin/queues',
];

/**
 * nginx's choice for a path: an exact `location =` first, else the longest prefix location; the service
 * is the upstream's server name (the compose service), or none for a location that answers itself.
 */
function nginxService(conf: string, path: string): EdgeService | null {
  const upstreams = new Map(
    [...conf.matchAll(/upstream\s+(\S+)\s*\{[^}]*server\s+([\w-]+):\d+/g)].map((m) => [m[1]!, m[2]!]),
  );
  const locations = [...conf.matchAll(/^\s*location\s+(=\s+)?(\S+)\s*\{([^}]*)\}/gm)].map((m) => ({
    exact: m[1] !== undefined,
    path: m[2]!,
    upstream: /proxy_pass\s+http:\/\/([\w-]+)/.exec(m[3]!)?.[1],
  }));
  const chosen =
    locations.find((location) => location.exact && location.path === path) ??
    locations
      .filter((location) => !location.exact && path.startsWith(location.path))
      .sort((a, b) => b.path.length - a.path.length)[0];
  const service = chosen?.upstream === undefined ? undefined : upstreams.get(chosen.upstream);
  return (SERVICES as readonly string[]).includes(service ?? '') ? (service as EdgeService) : null;
}

/**
 * ingress-nginx's choice: the longest matching path of the host's rules, `Prefix` matching whole path
 * elements; the service is the one whose Deployment is `deltastream-<service>`.
 */
function ingressService(ingresses: IIngress[], path: string): EdgeService | null {
  const rules = ingresses.flatMap((ingress) =>
    (ingress.spec?.rules ?? []).flatMap((rule) => rule.http?.paths ?? []),
  );
  const matches = (rule: (typeof rules)[number]) => {
    const prefix = rule.path ?? '/';
    if (rule.pathType === 'Exact') return path === prefix;
    return prefix === '/' || path === prefix || path.startsWith(`${prefix.replace(/\/$/, '')}/`);
  };
  const chosen = rules.filter(matches).sort((a, b) => (b.path ?? '').length - (a.path ?? '').length)[0];
  const name = chosen?.backend.service?.name.replace(/^deltastream-/, '');
  return (SERVICES as readonly string[]).includes(name ?? '') ? (name as EdgeService) : null;
}

describe('the edge rules (packages/bus/src/edge-routes.ts)', () => {
  const conf = readRepoFile('ops/nginx/edge.conf');
  const ingresses = (readYamlDocuments('k8s/ingress.yaml') as IIngress[]).filter(
    (document) => (document as { kind?: string }).kind === 'Ingress',
  );

  it('name a service for every sample path, each service at least once', () => {
    const named = new Set(SAMPLE_PATHS.map(edgeServiceFor));
    expect([...named].sort()).toEqual([...SERVICES].sort());
    expect(EDGE_DEFAULT_SERVICE).toBe('web');
  });

  it.each(SAMPLE_PATHS)('%s goes to one service through nginx, the Ingress and the local edge', (path) => {
    const expected = edgeServiceFor(path);
    // nginx answers /api/metrics itself (404), the Ingress refuses it from outside: neither proxies it to
    // another service than web.
    const nginx = nginxService(conf, path) ?? (path === '/api/metrics' ? 'web' : null);
    expect({ nginx, ingress: ingressService(ingresses, path) }).toEqual({
      nginx: expected,
      ingress: expected,
    });
  });

  it('pass on bodies up to the largest a web route accepts, in nginx and the Ingress alike', () => {
    const megabytes = EDGE_MAX_BODY_BYTES / (1024 * 1024);
    expect([...conf.matchAll(/client_max_body_size\s+(\S+);/g)].map((m) => m[1])).toEqual([`${megabytes}m`]);
    const ingressLimits = ingresses.map(
      (ingress) => ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'],
    );
    expect(ingressLimits.filter((limit) => limit !== undefined)).toEqual([`${megabytes}m`]);
  });

  it('are all in nginx and the Ingress, nothing more', () => {
    const nginxPrefixes = [...conf.matchAll(/^\s*location\s+(\/\S*)\s*\{/gm)]
      .map((m) => m[1]!)
      .filter((path) => path !== '/');
    expect(nginxPrefixes.sort()).toEqual(EDGE_ROUTES.map((rule) => rule.prefix).sort());
    const ingressPrefixes = ingresses
      .flatMap((ingress) => (ingress.spec?.rules ?? []).flatMap((rule) => rule.http?.paths ?? []))
      .filter((rule) => rule.pathType === 'Prefix' && rule.path !== '/')
      .map((rule) => `${rule.path}/`);
    expect(ingressPrefixes.sort()).toEqual(EDGE_ROUTES.map((rule) => rule.prefix).sort());
  });
});
