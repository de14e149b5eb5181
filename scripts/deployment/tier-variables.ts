/**
 * The environment variables each deployable process reads, taken from the code itself: the keys of its
 * zod env schema, the variables read by the libraries it runs on, and every `process.env.X` in the
 * sources. The deployment tests hold docker-compose.yml, k8s/ and .env.example to this list.
 */
import type { z } from 'zod';
import { FeedEnvSchema } from '@deltastream/bus/feed-env';
import { RealtimeEnvSchema } from '@deltastream/bus/realtime-env';
import { MarketApiEnvSchema, WebEnvSchema } from '@deltastream/bus/web-env';
import { WorkerEnvSchema } from '@deltastream/bus/worker-env';
import { PrepareDatabaseEnvSchema } from '../prepare-database-env';
import { listRepoFiles, readRepoFile } from './repo-files';

export type Deployable = 'feed' | 'worker' | 'realtime' | 'web' | 'market-api' | 'migrate';

export interface DeployableProcess {
  schema: z.ZodType;
  /** Read by a library rather than our schema. */
  libraryVariables: Record<string, string>;
  /**
   * Variables a deployment may leave unset, and why: the default is what production wants, or the
   * process never uses the value. Each must be optional in the schema and documented in .env.example.
   */
  leftAtDefault: Record<string, string>;
  composeService: string;
  k8s: { kind: 'Deployment' | 'Job'; name: string };
  dockerfile: string;
}

const CATALOGUE =
  'the image carries config/products.json and config/calendars/, found by walking up from dist/';

export const PROCESSES: Record<Deployable, DeployableProcess> = {
  feed: {
    schema: FeedEnvSchema,
    libraryVariables: {},
    leftAtDefault: {
      PRODUCT_CATALOGUE: CATALOGUE,
      FEED_SEED: 'a random seed, logged at start so a session can be re-run',
      FEED_PRODUCTS: 'every product of the catalogue',
      FEED_REPLAY_FILE: 'replay is off (FEED_MODE=simulate)',
      FEED_RECORD_FILE: 'recording is off',
    },
    composeService: 'feed',
    k8s: { kind: 'Deployment', name: 'deltastream-feed' },
    dockerfile: 'feed/Dockerfile',
  },
  worker: {
    schema: WorkerEnvSchema,
    libraryVariables: {},
    leftAtDefault: { PRODUCT_CATALOGUE: CATALOGUE },
    composeService: 'worker',
    k8s: { kind: 'Deployment', name: 'deltastream-worker' },
    dockerfile: 'worker/Dockerfile',
  },
  realtime: {
    schema: RealtimeEnvSchema,
    libraryVariables: {},
    leftAtDefault: { PRODUCT_CATALOGUE: CATALOGUE },
    composeService: 'realtime',
    k8s: { kind: 'Deployment', name: 'deltastream-realtime' },
    dockerfile: 'realtime/Dockerfile',
  },
  web: {
    schema: WebEnvSchema,
    libraryVariables: {
      NEXTAUTH_URL: 'next-auth: the public URL its callbacks and redirects are built from',
      PORT: "Next.js's standalone server (web/server.js): the port it listens on",
      HOSTNAME: "Next.js's standalone server (web/server.js): the address it binds (0.0.0.0 in a container)",
      NEXT_TELEMETRY_DISABLED: 'Next.js: no usage reports from production servers',
    },
    leftAtDefault: {},
    composeService: 'web',
    k8s: { kind: 'Deployment', name: 'deltastream-web' },
    dockerfile: 'web/Dockerfile',
  },
  'market-api': {
    schema: MarketApiEnvSchema,
    libraryVariables: {
      NEXTAUTH_URL: "next-auth's getToken: the session cookie's name (`__Secure-` over https), as web set it",
    },
    leftAtDefault: { MARKET_API_HOST: '0.0.0.0, every interface of its container' },
    composeService: 'market-api',
    k8s: { kind: 'Deployment', name: 'deltastream-market-api' },
    dockerfile: 'web/Dockerfile',
  },
  migrate: {
    schema: PrepareDatabaseEnvSchema,
    libraryVariables: {},
    leftAtDefault: {
      PRODUCT_CATALOGUE: CATALOGUE,
      REDIS_URL: 'database preparation never connects to Redis',
      REDIS_PREFIX: 'database preparation touches no Redis key',
      SHUTDOWN_TIMEOUT_MS: 'a one-shot command with no shutdown hook',
      DEMO_EMAIL: 'demo@deltastream.local',
      SIMULATED_HISTORY:
        'on: a year of history marked simulated for products without any, so IV rank and realised volatility work from the start; live points replace it',
      SIMULATED_HISTORY_SEED: 'seed 1: every deployment backfills the same history',
    },
    composeService: 'migrate',
    k8s: { kind: 'Job', name: 'deltastream-migrate' },
    dockerfile: 'worker/Dockerfile',
  },
};

interface ZodInternals {
  shape?: Record<string, z.ZodType>;
  def: { type: string; in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType };
}

/** The z.object inside `schema`, through pipes, wrappers and effects. */
export function envObjectShape(schema: z.ZodType): Record<string, z.ZodType> {
  const internals = schema as unknown as ZodInternals;
  if (internals.def.type === 'object' && internals.shape) return internals.shape;
  const inner = internals.def.in ?? internals.def.innerType ?? internals.def.schema;
  if (!inner) throw new Error(`no z.object inside a ${internals.def.type} schema`);
  return envObjectShape(inner);
}

/** The variables a process's schema reads. */
export function schemaVariables(deployable: Deployable): string[] {
  return Object.keys(envObjectShape(PROCESSES[deployable].schema)).sort();
}

/** True when the schema accepts the variable unset (it has a default or is optional). */
export function acceptsUnset(deployable: Deployable, variable: string): boolean {
  const field = envObjectShape(PROCESSES[deployable].schema)[variable];
  return field !== undefined && field.safeParse(undefined).success;
}

/** Everything a process reads: its schema and the libraries it runs on. */
export function variablesRead(deployable: Deployable): string[] {
  return [
    ...new Set([...schemaVariables(deployable), ...Object.keys(PROCESSES[deployable].libraryVariables)]),
  ].sort();
}

const SOURCE_FOLDERS = ['feed/src', 'worker/src', 'realtime/src', 'web/src', 'packages'];
const TEST_ONLY = /(\.test\.tsx?$)|(test-harness\.ts$)|(\/testing\/)|(\/e2e\/)/;

/** `process.env.X` (or `process.env['X']`) read anywhere in shipped sources, with the files reading it. */
export function processEnvReads(): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  const files = [
    ...SOURCE_FOLDERS.flatMap((folder) => listRepoFiles(folder, (name) => /\.(ts|tsx|mjs)$/.test(name))),
    'scripts/prepare-database.ts',
    'scripts/prepare-database-env.ts',
  ].filter((file) => !TEST_ONLY.test(file));
  for (const file of files) {
    for (const match of readRepoFile(file).matchAll(
      // An assignment (`process.env.X = …`) is a write, not a read.
      /process\.env(?:\.([A-Z_][A-Z0-9_]*)(?![A-Z0-9_])|\[['"]([A-Z_][A-Z0-9_]*)['"]\])(?!\s*=[^=])/g,
    )) {
      const variable = match[1] ?? match[2] ?? '';
      reads.set(variable, [...(reads.get(variable) ?? []), file]);
    }
  }
  return reads;
}

/** Every variable any process reads. */
export function allVariablesRead(): string[] {
  const names = new Set<string>(processEnvReads().keys());
  for (const deployable of Object.keys(PROCESSES) as Deployable[]) {
    for (const variable of variablesRead(deployable)) names.add(variable);
  }
  return [...names].sort();
}
