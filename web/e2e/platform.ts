import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { testRedisPrefix } from '@deltastream/bus/testing';
import type { Product } from '@deltastream/core/schemas';
import { createTestDatabase, type TestDatabase } from '@deltastream/db/testing';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const webDir = join(repoRoot, 'web');
/** What `npm run build -w @deltastream/web` makes and `scripts/run-web.mjs start` runs. */
const webBuilds = ['.next/standalone/web/server.js', 'dist/market-api/main.js', 'dist/local-edge/main.js'];

export type TierName = 'feed' | 'worker' | 'realtime' | 'web';

/** Every tier of the platform, started as its own process the way `npm start` runs them. */
export interface Platform {
  /** The local edge: the one address browsers and scripts use, as in production. */
  webUrl: string;
  /** The same edge by the name `npm start` gives web (NEXTAUTH_URL): http://localhost:<port>. */
  localhostUrl: string;
  /** The market API itself, behind the edge (its /metrics, /ready). */
  marketApiUrl: string;
  realtimeUrl: string;
  /** This run's Redis namespace (REDIS_PREFIX): its queues, cache keys and channels. */
  redisPrefix: string;
  products: Product[];
  database: TestDatabase;
  /** Stops one tier the way a deployment does (SIGTERM, SIGKILL after 10 s); the others keep running. */
  stopTier(name: TierName): Promise<void>;
  /** Starts a stopped tier again with its command and environment; resolves once it answers its health check. */
  startTier(name: TierName): Promise<void>;
  stop(): Promise<void>;
  /** Everything the tiers have written to stdout and stderr so far, each line prefixed by its tier. */
  logs(): string;
}

export interface PlatformOptions {
  /** The tiers to start (default: all); web alone serves pages, sign-in and the REST API. */
  tiers?: readonly TierName[];
  /** Variables for web beyond the platform's own (a lower limit, a more verbose log). */
  webEnv?: Record<string, string>;
  /**
   * Market data without a token on every tier (PUBLIC_MARKET_DATA=true), as `npm start` runs it: clients
   * written for the original platform send none.
   */
  publicMarketData?: boolean;
  /**
   * NIFTY and BANKNIFTY under their own symbols, as the original clients name them, rather than symbols
   * of this run's own: the run's Redis namespace and database keep them apart from any other run's.
   */
  catalogueSymbols?: boolean;
  /** Origins besides the edge's whose pages may open a live connection (REALTIME_CORS_ORIGINS). */
  pageOrigins?: readonly string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForOk(url: string, what: string, logs: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms:\n${logs()}`);
}

/** NIFTY and BANKNIFTY from the catalogue: under symbols of this run's own, or their own (`catalogueSymbols`). */
function e2eCatalogue(catalogueSymbols: boolean): Product[] {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const catalogue = loadCatalogueFile();
  return ['NIFTY', 'BANKNIFTY'].map((symbol) => {
    const product = catalogue.find((entry) => entry.symbol === symbol);
    if (!product) throw new Error(`catalogue has no ${symbol}`);
    return catalogueSymbols
      ? product
      : { ...product, symbol: `${symbol}E${tag}`, name: `${product.name} (e2e)` };
  });
}

/**
 * Starts feed, worker and realtime (TypeScript through tsx, as in development) and web from its
 * production build as production runs it: the local edge in front of Next.js and the market API
 * (web/scripts/run-web.mjs start), on free ports, with a fresh database and a Redis namespace of their
 * own. Browsers reach realtime through the edge too. Web must have been built (`npm run build -w
 * @deltastream/web`; the test command does it).
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const missing = webBuilds.filter((file) => !existsSync(join(webDir, file)));
  if (missing.length > 0) {
    throw new Error(
      `no production build of web (${missing.join(', ')}): run "npm run build -w @deltastream/web" first`,
    );
  }
  const products = e2eCatalogue(options.catalogueSymbols ?? false);
  const database = await createTestDatabase();
  const catalogueFile = join(mkdtempSync(join(tmpdir(), 'deltastream-e2e-')), 'products.json');
  writeFileSync(catalogueFile, JSON.stringify({ products }));
  // As `npm start` does before any tier runs: the catalogue, and a year of simulated volatility history
  // for IV rank, IV percentile and realised volatility (skipped for a product once the worker has
  // recorded any, so it has to come first).
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'scripts/prepare-database.ts')],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          PRODUCT_CATALOGUE: catalogueFile,
          SEED_DEMO_USER: 'false',
          SIMULATED_HISTORY: 'true',
        },
      },
    );
  } catch (error) {
    await database.drop();
    throw error;
  }

  const [webPort, nextPort, marketApiPort, realtimePort] = await Promise.all(
    Array.from({ length: 4 }, freePort),
  );
  const webUrl = `http://127.0.0.1:${webPort}`;
  const localhostUrl = `http://localhost:${webPort}`;
  const marketApiUrl = `http://127.0.0.1:${marketApiPort}`;
  const realtimeUrl = `http://127.0.0.1:${realtimePort}`;
  const redisPrefix = testRedisPrefix('e2e');
  const shared = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: redisPrefix,
    PRODUCT_CATALOGUE: catalogueFile,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_MARKET_DATA: String(options.publicMarketData ?? false),
    LOG_LEVEL: 'warn',
  };
  const output: string[] = [];
  const logs = () => output.slice(-40).join('');
  const tsx = (main: string) => ['--import', 'tsx', join(repoRoot, main)];
  /**
   * How each tier is started, its health check (feed and worker listen on port 0: none), and its process.
   * Web runs as production runs it: the local edge in front of Next.js and the market API.
   */
  const tiers: Record<
    TierName,
    {
      args: string[];
      env: Record<string, string>;
      cwd?: string;
      health: { url: string; what: string }[];
      child?: ChildProcess;
    }
  > = {
    feed: {
      args: tsx('feed/src/main.ts'),
      env: { NODE_ENV: 'development', FEED_PORT: '0', FEED_CHAIN_INTERVAL_MS: '1000' },
      health: [],
    },
    worker: {
      args: tsx('worker/src/main.ts'),
      env: { NODE_ENV: 'development', WORKER_PORT: '0' },
      health: [],
    },
    realtime: {
      args: tsx('realtime/src/main.ts'),
      env: {
        NODE_ENV: 'development',
        REALTIME_PORT: String(realtimePort),
        // The dashboard's pages come from the edge's origin, another port than the gateway's.
        REALTIME_CORS_ORIGINS: [webUrl, ...(options.pageOrigins ?? [])].join(','),
      },
      health: [{ url: `${realtimeUrl}/health`, what: 'realtime' }],
    },
    web: {
      args: ['scripts/run-web.mjs', 'start'],
      cwd: webDir,
      env: {
        WEB_PORT: String(webPort),
        NEXT_PORT: String(nextPort),
        MARKET_API_PORT: String(marketApiPort),
        REALTIME_PORT: String(realtimePort),
        // As `npm start` names it, though browsers here use 127.0.0.1: redirects must keep their host.
        NEXTAUTH_URL: localhostUrl,
        REALTIME_PUBLIC_URL: webUrl,
        ...options.webEnv,
      },
      health: [
        { url: `${webUrl}/ready`, what: 'web (Next.js through the edge)' },
        { url: `${marketApiUrl}/ready`, what: 'the market API' },
      ],
    },
  };
  const start = (name: TierName) => {
    const tier = tiers[name];
    const child = spawn(process.execPath, tier.args, {
      cwd: tier.cwd ?? repoRoot,
      env: { ...shared, ...tier.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => output.push(`[${name}] ${chunk}`));
    tier.child = child;
  };
  const terminate = (name: TierName) => {
    const child = tiers[name].child;
    tiers[name].child = undefined;
    return new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  };
  const names = options.tiers ? [...options.tiers] : (Object.keys(tiers) as TierName[]);
  names.forEach(start);

  const stop = async () => {
    await Promise.all(names.map(terminate));
    await database.drop();
  };
  const stopTier = (name: TierName) => terminate(name);
  const healthy = (name: TierName) =>
    Promise.all(tiers[name].health.map(({ url, what }) => waitForOk(url, what, logs)));
  const startTier = async (name: TierName) => {
    if (tiers[name].child) throw new Error(`${name} is already running`);
    start(name);
    await healthy(name);
  };
  try {
    await Promise.all(names.map((name) => healthy(name)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    webUrl,
    localhostUrl,
    marketApiUrl,
    realtimeUrl,
    redisPrefix,
    products,
    database,
    stopTier,
    startTier,
    stop,
    logs: () => output.join(''),
  };
}
