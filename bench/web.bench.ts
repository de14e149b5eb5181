/**
 * web/'s market API under load on loopback, load generator included, on this machine, on the production
 * build: the market API (web/dist/market-api/main.js; `npm run build -w @deltastream/web` makes it), the
 * entry the edge sends `/api/data/*` to, as one process, as a pod runs it (BENCH_WEB_PROCESSES > 1:
 * several, as pods behind a load balancer). Scripts call it with an API token.
 *
 *   example:    GET /api/data/chain/BENCHNIFTY, the request the goal names: the nearest expiry's latest
 *               chain (`limit` defaults to 1), with `Accept-Encoding: gzip, deflate` as Python's requests
 *               sends it; open loop at BENCH_RPS (default 500) for BENCH_SECONDS (default 20) after
 *               BENCH_WARMUP_SECONDS (default 5); latency runs from each request's scheduled send, so a
 *               stall is not hidden by the load backing off.
 *   expiry:     GET /api/data/chain/BENCHNIFTY?expiry=<nearest>, the same chain asked for by expiry and
 *               without Accept-Encoding, as curl asks. Goal for both: p99 < 25 ms at 500 rps.
 *   all:        GET /api/data/chain/BENCHNIFTY?limit=<all> (every live expiry's latest chain), gzip, same rate.
 *   throughput: the example request in a closed loop on BENCH_CONCURRENCY (default 32) connections for
 *               BENCH_THROUGHPUT_SECONDS (default 10).
 * BENCH_PHASES (e.g. `expiry,all`) runs some of them, in that order.
 * Every answer, inflated when it came gzipped, must be a 200 for the expected product and expiry; one error fails the run. The server's
 * and the load generator's CPU over each window come from /proc, so a starved server shows as such.
 *
 * The data is the bench's own: a fresh migrated database and a product BENCHNIFTY (NIFTY's catalogue
 * entry renamed), so a developer's running platform is not disturbed. Enriched chains from the feed's
 * simulator are stored and cached as the worker stores them, one new chain per expiry every second
 * for as long as the benchmark runs, so requests read the live path, not a frozen key. A fresh server
 * per run; BENCH_RUNS runs (default 3); medians. BENCH_WEB_NODE_ARGS passes flags to the server
 * (e.g. --cpu-prof); BENCH_DEBUG=1 shows when the slowest requests were sent.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateApiToken } from '@deltastream/auth/api-tokens';
import { hashPassword } from '@deltastream/auth/passwords';
import { CACHE_KEYS, cacheLatestChain, snapshotQuotesOf } from '@deltastream/bus/cache';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { METRIC_NAMES } from '@deltastream/bus/metrics';
import { RATE_LIMIT_KEYS } from '@deltastream/bus/rate-limit';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { enrichChain, NO_CHANGE_BASES, type PreviousSnapshot } from '@deltastream/core/analytics';
import { expiryInstantMs } from '@deltastream/core/calendar';
import type { Product } from '@deltastream/core/schemas';
import { createApiToken, createUser, insertChainSnapshots, upsertProducts } from '@deltastream/db/queries';
import { createTestDatabase } from '@deltastream/db/testing';
import { createMarketSimulator } from '@deltastream/simulator/simulator';
import {
  closedLoop,
  mergeLoadResults,
  openLoop,
  waitForHttpOk,
  type HttpTarget,
  type LoadResult,
  type ResponseCheck,
} from './lib/http-load';
import { median, percentiles } from './lib/measure';
import { cpuTimeMs, stopProcess } from './lib/worker-process';
import {
  bucketGrowth,
  bucketPercentile,
  histogramBuckets,
  scrapeMetrics,
  sumOf,
  type Sample,
} from './lib/prometheus';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The benchmark's own Redis namespace: nothing it writes or publishes reaches a running platform. */
const REDIS_PREFIX = testRedisPrefix('bench-web');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RPS = Number(process.env.BENCH_RPS ?? 500);
/** Discarded: the first seconds of a fresh server run its routes cold (JIT, lazily loaded modules). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
/** Load generator processes: one sends 500 rps on ~20% of a core; more would take CPU from the server. */
const LOAD_PROCESSES = Number(process.env.BENCH_LOAD_PROCESSES ?? 1);
/** Unset: a free port per run, so two benchmarks (or anything else) on this machine never meet. */
const FIXED_PORT = process.env.BENCH_WEB_PORT ? Number(process.env.BENCH_WEB_PORT) : null;
/** Server processes, as pods behind a load balancer; the load takes them in turn. */
const WEB_PROCESSES = Number(process.env.BENCH_WEB_PROCESSES ?? 1);
const GOAL_P99_MS = 25;
/** High enough never to throttle the benchmark; the limiter still counts every request in Redis. */
const RATE_LIMIT_PER_MINUTE = 1_000_000;
const SYMBOL = 'BENCHNIFTY';
/** The live feed's default: one chain per expiry per second. */
const CHAIN_INTERVAL_MS = 1000;
/** The market API's production bundle: web's route handlers in a plain Node server. */
const SERVER_JS = fileURLToPath(new URL('../web/dist/market-api/main.js', import.meta.url));

// --- the load generator's side -------------------------------------------------------------------

interface ChainExpectation {
  product: string;
  /** `null`: the latest chain of each live expiry, nearest first, the first being `nearestExpiry`. */
  expiry: string | null;
  nearestExpiry: string;
  chainsPerResponse: number;
}

interface LoadCommand {
  target: HttpTarget;
  expect: ChainExpectation;
  startAtEpochMs: number;
  warmupSeconds: number;
  seconds: number;
  slot: number;
  slots: number;
  /** Open loop at this total rate, or closed loop on this many connections in total. */
  mode: { ratePerSecond: number } | { concurrency: number };
}

interface LoadReply {
  result: LoadResult;
  /** The seq of every chain snapshot seen in the fully parsed answers. */
  seqs: number[];
}

/** Every answer parsed in full 1 in this many; the others are checked by their fields' bytes. */
const FULL_CHECK_EVERY = 25;

interface ChainBody {
  product?: unknown;
  expiry?: unknown;
  count?: unknown;
  chains?: { product?: unknown; expiry?: unknown; seq?: unknown }[];
}

/**
 * Status 200 and the product and expiry fields in every answer (a byte search, so the load generator
 * stays light); 1 in FULL_CHECK_EVERY parsed in full: every chain is the product's, of the asked expiry
 * (or nearest first and ascending), and `count` matches.
 */
function chainCheck(expect: ChainExpectation, seqs: Set<number>): ResponseCheck {
  const productField = `"product":"${expect.product}"`;
  const expiryField = `"expiry":"${expect.expiry ?? expect.nearestExpiry}"`;
  let answers = 0;
  return (status, body) => {
    if (status !== 200) return `HTTP ${status}: ${body.toString('utf8', 0, 300)}`;
    if (!body.includes(productField) || !body.includes(expiryField))
      return `the answer lacks ${productField} or ${expiryField}: ${body.toString('utf8', 0, 300)}`;
    answers += 1;
    if (answers % FULL_CHECK_EVERY !== 1) return null;
    const parsed = JSON.parse(body.toString('utf8')) as ChainBody;
    const chains = parsed.chains ?? [];
    if (parsed.product !== expect.product) return `product ${String(parsed.product)}`;
    if (parsed.expiry !== expect.expiry) return `expiry ${String(parsed.expiry)}, not ${expect.expiry}`;
    if (chains.length !== expect.chainsPerResponse || parsed.count !== chains.length)
      return `count ${String(parsed.count)} for ${chains.length} chains, ${expect.chainsPerResponse} expected`;
    const expiries = chains.map((c) => String(c.expiry));
    if (chains.some((c) => c.product !== expect.product)) return 'a chain of another product';
    if (expect.expiry !== null && expiries.some((e) => e !== expect.expiry))
      return 'a chain of another expiry';
    if (
      expect.expiry === null &&
      (expiries[0] !== expect.nearestExpiry || [...expiries].sort().join() !== expiries.join())
    )
      return `expiries ${expiries.join(' ')}: not nearest first`;
    for (const chain of chains) seqs.add(Number(chain.seq));
    return null;
  };
}

async function loadProcess(): Promise<void> {
  process.on('message', async (command: LoadCommand) => {
    const seqs = new Set<number>();
    const window = { ...command, check: chainCheck(command.expect, seqs) };
    const { slot, slots } = command;
    const result =
      'ratePerSecond' in command.mode
        ? await openLoop(command.target, {
            ...window,
            ratePerSecond: command.mode.ratePerSecond,
            slot,
            slots,
          })
        : await closedLoop(command.target, {
            ...window,
            concurrency:
              Math.floor(command.mode.concurrency / slots) +
              (slot < command.mode.concurrency % slots ? 1 : 0),
          });
    const reply: LoadReply = { result, seqs: [...seqs] };
    process.send?.(reply);
  });
  process.send?.('ready');
}

function startLoadProcess(): ChildProcess {
  return fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_ROLE: 'load' },
  });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

// --- the bench's own market ----------------------------------------------------------------------

interface SlowCommands {
  count: number;
  /** The slowest, e.g. `KEYS *foo* 77 ms`. */
  worst: string | null;
}

/** Redis's slow log entries: id, unix seconds, microseconds, the command's arguments, … */
type SlowLogEntry = [number, number, number, string[], ...unknown[]];

interface BenchMarket {
  databaseUrl: string;
  token: string;
  /** Live expiries with a cached chain, nearest first. */
  expiries: string[];
  /** Expiries the simulator lists that stop trading before the benchmark ends: never stored. */
  leftOut: string[];
  chainsStored(): number;
  /** When each refresh started, epoch ms (BENCH_DEBUG lines up slow requests with them). */
  refreshStartsMs: number[];
  /** Redis commands of any client in Redis's slow log (slower than 10 ms by default) between two instants. */
  redisSlowCommands(fromMs: number, toMs: number): Promise<SlowCommands>;
  /** Stops the refresh and removes the cache keys, the token's keys and the database. */
  close(): Promise<void>;
}

/**
 * Product, user, API token and chains, stored and cached as the worker does it (worker/src/
 * process-chain.ts: enrich with the previous snapshot, insert, cache). Chains are not published: the
 * developer's realtime gateways would push BENCHNIFTY to every browser in `general`.
 */
async function prepareMarket(endsBeforeMs: number): Promise<BenchMarket> {
  const nifty = loadCatalogueFile().find((p) => p.symbol === 'NIFTY');
  if (!nifty) throw new Error('config/products.json has no NIFTY entry to copy as BENCHNIFTY');
  const product: Product = { ...nifty, symbol: SYMBOL, name: `${nifty.name} (web benchmark)` };
  const database = await createTestDatabase();
  const redis = createRedis(REDIS_URL, 'command', { prefix: REDIS_PREFIX });
  const apiToken = generateApiToken();
  const expiries = new Set<string>();
  const leftOut = new Set<string>();
  let tokenId: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> = Promise.resolve();
  let refreshError: Error | null = null;
  let stored = 0;
  const refreshStartsMs: number[] = [];

  async function close(): Promise<void> {
    clearInterval(timer);
    await refreshing;
    const keys = [...expiries].flatMap((expiry) => [
      CACHE_KEYS.latestChain(SYMBOL, expiry),
      CACHE_KEYS.latestQuotes(SYMBOL, expiry),
      CACHE_KEYS.latestPcr(SYMBOL, expiry),
    ]);
    keys.push(CACHE_KEYS.chainExpiries(SYMBOL), CACHE_KEYS.apiToken(apiToken.tokenHash));
    // web counts an API token's requests under `token:<id>` (web/src/server/route.ts).
    if (tokenId !== null) keys.push(RATE_LIMIT_KEYS.api(`token:${tokenId}`));
    await redis.del(...keys);
    redis.disconnect();
    await database.drop();
  }

  try {
    await upsertProducts(database.db, [product]);
    const user = await createUser(database.db, {
      email: `web-bench-${randomBytes(4).toString('hex')}@deltastream.local`,
      passwordHash: await hashPassword(randomBytes(16).toString('hex')),
      name: 'Web benchmark',
    });
    if (!user) throw new Error('could not create the benchmark user');
    tokenId = (
      await createApiToken(database.db, {
        userId: user.id,
        name: 'web benchmark',
        tokenPrefix: apiToken.tokenPrefix,
        tokenHash: apiToken.tokenHash,
        scopes: ['read:market', 'read:stream'],
      })
    ).id;

    const simulator = createMarketSimulator({
      products: [product],
      seed: 17,
      rates: { ticksPerSecond: 1, chainIntervalMs: CHAIN_INTERVAL_MS },
    });
    const previous = new Map<string, PreviousSnapshot>();
    const storeDueChains = async () => {
      refreshStartsMs.push(Date.now());
      // An expiry that stops trading mid-run would change the answers under the load (its key outlives
      // its last chain by the cache TTL, then the nearest expiry moves): leave it out from the start.
      const { chains } = simulator.advance(Date.now());
      for (const chain of chains)
        if (expiryInstantMs(product, chain.expiry) <= endsBeforeMs) leftOut.add(chain.expiry);
      const processedAt = new Date().toISOString();
      const enriched = chains
        .filter((chain) => !leftOut.has(chain.expiry))
        .map((chain) =>
          enrichChain(
            chain,
            product,
            // The load reads the chains, not their changes: each is its own session base.
            {
              session: NO_CHANGE_BASES.session,
              previousSnapshot: previous.get(chain.expiry) ?? null,
            },
            processedAt,
          ),
        );
      await insertChainSnapshots(database.db, enriched);
      for (const chain of enriched) {
        previous.set(chain.expiry, snapshotQuotesOf(chain));
        expiries.add(chain.expiry);
      }
      await Promise.all(enriched.map((chain) => cacheLatestChain(redis, chain)));
      stored += enriched.length;
    };
    await storeDueChains();
    // One refresh at a time: a slow one delays the next rather than overlapping it.
    timer = setInterval(() => {
      refreshing = refreshing.then(storeDueChains).catch((error: Error) => {
        refreshError ??= error;
      });
    }, CHAIN_INTERVAL_MS);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    databaseUrl: database.url,
    token: apiToken.token,
    expiries: [...expiries].sort(),
    leftOut: [...leftOut].sort(),
    refreshStartsMs,
    // Redis runs one command at a time: anyone's slow command (say KEYS on a big shared database)
    // stalls every request of the server under test, so the output says when that happened.
    async redisSlowCommands(fromMs, toMs) {
      const entries = (await redis.slowlog('GET', 128)) as SlowLogEntry[];
      const inWindow = entries.filter(([, atS]) => atS * 1000 >= fromMs - 1000 && atS * 1000 <= toMs);
      const worst = inWindow.reduce<SlowLogEntry | null>((a, b) => (a === null || b[2] > a[2] ? b : a), null);
      return {
        count: inWindow.length,
        worst:
          worst &&
          `${worst[3].slice(0, 2).join(' ').replace(/\s+/g, ' ').slice(0, 60)} ${(worst[2] / 1000).toFixed(0)} ms`,
      };
    },
    chainsStored() {
      if (refreshError) throw new Error(`refreshing the chains failed: ${refreshError.message}`);
      return stored;
    },
    close,
  };
}

// --- the server under test -----------------------------------------------------------------------

/**
 * `count` ports from BENCH_WEB_PORT on when they are free, else ports the system picks; each stays free
 * until its server takes it.
 */
async function serverPorts(count: number): Promise<number[]> {
  const probes = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<Server>((resolve, reject) => {
          const probe = createServer();
          const port = FIXED_PORT === null ? 0 : FIXED_PORT + i;
          probe.once('error', () =>
            reject(new Error(`127.0.0.1:${port} is taken; stop what listens there or unset BENCH_WEB_PORT`)),
          );
          probe.listen(port, '127.0.0.1', () => resolve(probe));
        }),
    ),
  );
  const ports = probes.map((probe) => (probe.address() as AddressInfo).port);
  await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  return ports;
}

/** The market API as deployed; its JSON log lines at warn and above are passed on to stderr. */
function startWebServer(
  market: BenchMarket,
  port: number,
): { child: ChildProcess; exited: Promise<unknown> } {
  // BENCH_WEB_NODE_ARGS passes profiler flags (e.g. --cpu-prof) to the server under test.
  const nodeArgs = (process.env.BENCH_WEB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, SERVER_JS], {
    env: {
      ...process.env,
      MARKET_API_PORT: String(port),
      MARKET_API_HOST: '127.0.0.1',
      NODE_ENV: 'production',
      DATABASE_URL: market.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX,
      AUTH_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
      PUBLIC_MARKET_DATA: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) console.error(`[web] ${line}`);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { child, exited };
}

// --- one run -------------------------------------------------------------------------------------

interface ServerSideFigures {
  /** The route wrapper's own timing (defineRoute), from its histogram: an upper bucket bound. */
  handlerP99Ms: number;
  handlerOverGoalPct: number;
  gcMsPerSecond: number;
  gcPausesOver10Ms: number;
}

interface PhaseFigures {
  rps: number;
  server: ServerSideFigures;
  redisSlowCommands: SlowCommands;
  /** The server's CPU use in the measured window, % of one core, and per answered request. */
  serverCpuPct: number;
  serverCpuMsPerRequest: number;
  /** The load generator's, all its processes together. */
  loadCpuPct: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  bytesPerResponse: number;
  errors: number;
  firstError: string | null;
  distinctSnapshots: number;
  /** BENCH_DEBUG: when the slowest 1% of requests were sent, relative to the last cache refresh. */
  slowAfterRefresh?: string;
}

interface Reading {
  /** CPU ms so far of the servers, then of the load processes. */
  cpuMs: (number | null)[];
  /** Each server's /metrics. */
  metrics: Sample[][];
}

/** CPU times and the servers' metrics at an instant to come (epoch ms). */
function readAt(atMs: number, pids: (number | undefined)[], baseUrls: string[]): Promise<Reading> {
  return new Promise((resolve, reject) =>
    setTimeout(
      () =>
        Promise.all(baseUrls.map((baseUrl) => scrapeMetrics(`${baseUrl}/metrics`)))
          .then((metrics) => resolve({ cpuMs: pids.map(cpuTimeMs), metrics }))
          .catch(reject),
      Math.max(0, atMs - Date.now()),
    ),
  );
}

/** The `route` label web's route wrapper gives the chain route's metrics (its pattern). */
const CHAIN_ROUTE = '/api/data/chain/{product}';
const GC_SECONDS = 'nodejs_gc_duration_seconds';

/** What the servers saw of the window: their handlers' time (route wrapper) and their GC pauses. */
function serverSide(from: Reading, to: Reading, seconds: number): ServerSideFigures {
  // Every server's samples together: their histograms add up.
  const handler = (r: Reading) =>
    histogramBuckets(r.metrics.flat(), METRIC_NAMES.webRequestDuration, { route: CHAIN_ROUTE });
  const handled = bucketGrowth(handler(from), handler(to));
  const total = handled.at(-1)?.[1] ?? 0;
  const withinGoal = handled.find(([bound]) => bound >= GOAL_P99_MS / 1000)?.[1] ?? 0;
  const pauses = bucketGrowth(
    histogramBuckets(from.metrics.flat(), GC_SECONDS),
    histogramBuckets(to.metrics.flat(), GC_SECONDS),
  );
  const pausesTotal = pauses.at(-1)?.[1] ?? 0;
  const pausesWithin10 = pauses.find(([bound]) => bound >= 0.01)?.[1] ?? 0;
  const gcSeconds = (r: Reading) => sumOf(r.metrics.flat(), `${GC_SECONDS}_sum`);
  return {
    handlerP99Ms: bucketPercentile(handled, 99) * 1000,
    handlerOverGoalPct: total === 0 ? NaN : (100 * (total - withinGoal)) / total,
    gcMsPerSecond: ((gcSeconds(to) - gcSeconds(from)) * 1000) / seconds,
    gcPausesOver10Ms: pausesTotal - pausesWithin10,
  };
}

/** How long after the latest refresh each of the slowest 1% was sent, as a histogram of 100 ms buckets. */
function slowAfterRefresh(result: LoadResult, refreshStartsMs: readonly number[]): string {
  const [threshold = Infinity] = percentiles(result.latenciesMs, [99]);
  const buckets = new Array<number>(10).fill(0);
  result.latenciesMs.forEach((latency, i) => {
    if (latency < threshold) return;
    const sentAt = result.sentAtEpochMs[i]!;
    const refresh = refreshStartsMs.findLast((at) => at <= sentAt);
    if (refresh !== undefined) buckets[Math.min(9, Math.floor((sentAt - refresh) / 100))]! += 1;
  });
  return `slowest 1% (≥ ${ms(threshold)} ms) by time since the last refresh, 100 ms buckets: ${buckets.join(' ')}`;
}

async function load(
  market: BenchMarket,
  servers: { child: ChildProcess; baseUrl: string }[],
  loaders: ChildProcess[],
  command: Omit<LoadCommand, 'slot' | 'slots' | 'startAtEpochMs'>,
): Promise<PhaseFigures> {
  const startAtEpochMs = Date.now() + 200;
  const measureFrom = startAtEpochMs + command.warmupSeconds * 1000;
  const pids = [...servers.map((server) => server.child), ...loaders].map((child) => child.pid);
  const baseUrls = servers.map((server) => server.baseUrl);
  const readings = Promise.all([
    readAt(measureFrom, pids, baseUrls),
    readAt(measureFrom + command.seconds * 1000, pids, baseUrls),
  ]);
  const replies = await Promise.all(
    loaders.map((child, slot) => {
      const reply = nextMessage<LoadReply>(child);
      child.send({ ...command, slot, slots: loaders.length, startAtEpochMs } satisfies LoadCommand);
      return reply;
    }),
  );
  const merged = mergeLoadResults(replies.map((r) => r.result));
  // No correct answer at all (every one an error) leaves no latency: NaN, printed as such.
  const [p50 = NaN, p90 = NaN, p99 = NaN, max = NaN] = percentiles(merged.latenciesMs, [50, 90, 99, 100]);
  const [from, to] = await readings;
  const redisSlowCommands = await market.redisSlowCommands(measureFrom, measureFrom + command.seconds * 1000);
  const cpuMs = from.cpuMs.map((start, i) =>
    start === null || to.cpuMs[i] === null ? null : to.cpuMs[i]! - start,
  );
  const total = (values: (number | null)[]) =>
    values.some((v) => v === null) ? null : values.reduce((a, b) => a! + b!, 0);
  const serverCpuMs = total(cpuMs.slice(0, servers.length));
  const loadCpuMs = total(cpuMs.slice(servers.length));
  const rps = merged.completed / merged.measuredSeconds;
  return {
    rps,
    server: serverSide(from, to, command.seconds),
    redisSlowCommands,
    serverCpuPct: serverCpuMs === null ? NaN : serverCpuMs / command.seconds / 10,
    serverCpuMsPerRequest: serverCpuMs === null ? NaN : serverCpuMs / (rps * command.seconds),
    loadCpuPct: loadCpuMs === null ? NaN : loadCpuMs / command.seconds / 10,
    p50,
    p90,
    p99,
    max,
    bytesPerResponse: merged.bytes / merged.completed,
    errors: merged.errors,
    firstError: merged.firstError,
    distinctSnapshots: new Set(replies.flatMap((r) => r.seqs)).size,
    ...(process.env.BENCH_DEBUG
      ? { slowAfterRefresh: slowAfterRefresh(merged, market.refreshStartsMs) }
      : {}),
  };
}

/**
 * The measured phases, in order. `example` is the issue's own request (`GET /api/data/chain/{product}`:
 * the nearest expiry's latest chain, as `limit` defaults to 1); `expiry` names that expiry; `all` asks
 * for every live expiry (6 × the bytes); `throughput` is the closed loop. BENCH_PHASES picks some.
 */
const PHASE_KEYS = ['example', 'expiry', 'all', 'throughput'] as const;
type PhaseKey = (typeof PHASE_KEYS)[number];
/** The phases held to the goal: p99 < GOAL_P99_MS at RPS. */
const GOAL_PHASES: readonly PhaseKey[] = ['example', 'expiry'];
const PHASES: PhaseKey[] = (process.env.BENCH_PHASES ?? PHASE_KEYS.join(',')).split(',').map((key) => {
  if (!(PHASE_KEYS as readonly string[]).includes(key))
    throw new Error(`BENCH_PHASES: unknown phase ${key}; known: ${PHASE_KEYS.join(', ')}`);
  return key as PhaseKey;
});

interface Phase {
  key: PhaseKey;
  label: string;
  command: Omit<LoadCommand, 'slot' | 'slots' | 'startAtEpochMs'>;
}

/** What Python's requests (and Node's fetch) send unasked; curl sends no Accept-Encoding. */
const SCRIPT_ACCEPT_ENCODING = 'gzip, deflate';

function phasesOf(market: BenchMarket, baseUrls: readonly string[]): Phase[] {
  const nearestExpiry = market.expiries[0]!;
  const one = { product: SYMBOL, expiry: nearestExpiry, nearestExpiry, chainsPerResponse: 1 };
  const requests: Record<PhaseKey, { path: string; gzip: boolean; expect: ChainExpectation }> = {
    example: { path: `/api/data/chain/${SYMBOL}`, gzip: true, expect: { ...one, expiry: null } },
    expiry: { path: `/api/data/chain/${SYMBOL}?expiry=${nearestExpiry}`, gzip: false, expect: one },
    all: {
      path: `/api/data/chain/${SYMBOL}?limit=${market.expiries.length}`,
      gzip: true,
      expect: { ...one, expiry: null, chainsPerResponse: market.expiries.length },
    },
    throughput: { path: `/api/data/chain/${SYMBOL}`, gzip: true, expect: { ...one, expiry: null } },
  };
  return PHASES.map((key, i) => {
    const { path, gzip, expect } = requests[key];
    const headers = {
      authorization: `Bearer ${market.token}`,
      ...(gzip ? { 'accept-encoding': SCRIPT_ACCEPT_ENCODING } : {}),
    };
    const command = {
      target: { urls: baseUrls.map((baseUrl) => baseUrl + path), headers },
      expect,
      // The first phase of a fresh server also warms it up.
      warmupSeconds: i === 0 ? WARMUP_SECONDS : 2,
      seconds: key === 'throughput' ? THROUGHPUT_SECONDS : SECONDS,
      mode: key === 'throughput' ? { concurrency: CONCURRENCY } : { ratePerSecond: RPS },
    };
    const request = `GET ${path}${gzip ? ' (gzip)' : ''}`;
    const label = key === 'throughput' ? `${request}, ${CONCURRENCY} connections` : request;
    return { key, label, command };
  });
}

type RunFigures = Map<PhaseKey, PhaseFigures>;

async function benchRun(market: BenchMarket, loaders: ChildProcess[]): Promise<RunFigures> {
  const baseUrls = (await serverPorts(WEB_PROCESSES)).map((port) => `http://127.0.0.1:${port}`);
  const servers = baseUrls.map((baseUrl) => startWebServer(market, Number(new URL(baseUrl).port)));
  try {
    await Promise.all(
      servers.map(async (server, i) => {
        await waitForHttpOk(`${baseUrls[i]}/ready`, { timeoutMs: 60_000, exited: server.exited });
        if (server.child.exitCode !== null)
          throw new Error(`the web server exited; another answered on ${baseUrls[i]}`);
      }),
    );
    const children = servers.map((server, i) => ({ child: server.child, baseUrl: baseUrls[i]! }));
    const figures: RunFigures = new Map();
    for (const phase of phasesOf(market, baseUrls)) {
      figures.set(phase.key, await load(market, children, loaders, phase.command));
    }
    return figures;
  } finally {
    await Promise.all(servers.map((server) => stopProcess(server.child)));
  }
}

// --- report --------------------------------------------------------------------------------------

const ms = (v: number) => v.toFixed(1);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function latencyLine(f: Pick<PhaseFigures, 'p50' | 'p90' | 'p99' | 'max'>): string {
  return `p50 ${ms(f.p50)}  p90 ${ms(f.p90)}  p99 ${ms(f.p99)}  max ${ms(f.max)} ms`;
}

function phaseLine(label: string, f: PhaseFigures): string {
  const errors = f.errors === 0 ? '0 errors' : `${f.errors} ERRORS (first: ${f.firstError})`;
  return (
    `  ${label.padEnd(52)} ${f.rps.toFixed(0).padStart(5)} rps  ${latencyLine(f)}  ` +
    `${kb(f.bytesPerResponse)}/response sent  ${errors}\n` +
    `  ${''.padEnd(52)} server CPU ${f.serverCpuPct.toFixed(0)}% of a core${WEB_PROCESSES > 1 ? ' (all processes)' : ''} (${f.serverCpuMsPerRequest.toFixed(2)} ms/request), ` +
    `load generator ${f.loadCpuPct.toFixed(0)}%; ${f.distinctSnapshots} chain snapshots seen\n` +
    `  ${''.padEnd(52)} in the route wrapper: p99 ≤ ${ms(f.server.handlerP99Ms)} ms, ` +
    `${f.server.handlerOverGoalPct.toFixed(2)}% over ${GOAL_P99_MS} ms; GC ${f.server.gcMsPerSecond.toFixed(0)} ms/s, ` +
    `${f.server.gcPausesOver10Ms} pauses ≥ 10 ms; Redis slow log: ${f.redisSlowCommands.count} commands` +
    (f.redisSlowCommands.worst ? ` by anyone (worst ${f.redisSlowCommands.worst})` : '') +
    (f.slowAfterRefresh ? `\n  ${''.padEnd(52)} ${f.slowAfterRefresh}` : '')
  );
}

function medianFigures(figures: PhaseFigures[]): PhaseFigures {
  const m = (pick: (f: PhaseFigures) => number) => median(figures.map(pick));
  return {
    rps: m((f) => f.rps),
    server: {
      handlerP99Ms: m((f) => f.server.handlerP99Ms),
      handlerOverGoalPct: m((f) => f.server.handlerOverGoalPct),
      gcMsPerSecond: m((f) => f.server.gcMsPerSecond),
      gcPausesOver10Ms: m((f) => f.server.gcPausesOver10Ms),
    },
    // Summed, not a median: one stall in any run matters.
    redisSlowCommands: {
      count: figures.reduce((n, f) => n + f.redisSlowCommands.count, 0),
      worst: figures.find((f) => f.redisSlowCommands.worst !== null)?.redisSlowCommands.worst ?? null,
    },
    serverCpuPct: m((f) => f.serverCpuPct),
    serverCpuMsPerRequest: m((f) => f.serverCpuMsPerRequest),
    loadCpuPct: m((f) => f.loadCpuPct),
    p50: m((f) => f.p50),
    p90: m((f) => f.p90),
    p99: m((f) => f.p99),
    max: m((f) => f.max),
    bytesPerResponse: m((f) => f.bytesPerResponse),
    errors: figures.reduce((n, f) => n + f.errors, 0),
    firstError: figures.find((f) => f.firstError !== null)?.firstError ?? null,
    distinctSnapshots: m((f) => f.distinctSnapshots),
  };
}

async function main(): Promise<number> {
  if (!existsSync(SERVER_JS)) {
    console.error(
      `web bench: ${relative(process.cwd(), SERVER_JS)} is missing; build web first: ` +
        'npm run build -w @deltastream/web',
    );
    return 1;
  }
  // Generous: server start-ups and the gaps between phases included.
  const phaseSeconds = PHASES.reduce(
    (sum, key) => sum + 2 + (key === 'throughput' ? THROUGHPUT_SECONDS : SECONDS),
    WARMUP_SECONDS,
  );
  const benchSeconds = RUNS * (phaseSeconds + 30) + 60;
  const market = await prepareMarket(Date.now() + benchSeconds * 1000);
  const loaders = Array.from({ length: LOAD_PROCESSES }, startLoadProcess);
  const runs: RunFigures[] = [];
  try {
    await Promise.all(loaders.map((child) => nextMessage<string>(child)));
    const phases = phasesOf(market, []);
    const leftOut =
      market.leftOut.length === 0
        ? ''
        : ` (${market.leftOut.join(', ')} left out: it stops trading before the end)`;
    console.log(
      `web: the market API's production build, ${WEB_PROCESSES === 1 ? 'one server process' : `${WEB_PROCESSES} server processes taken in turn`} on loopback; API token ` +
        `(read:market, read:stream); the rate limiter runs on every request (limit raised to ` +
        `${RATE_LIMIT_PER_MINUTE.toLocaleString('en')}/min so it never throttles); ${SYMBOL} (NIFTY's catalogue ` +
        `entry) with ${market.expiries.length} expiries${leftOut}, a new enriched chain per expiry every ` +
        `${CHAIN_INTERVAL_MS / 1000} s stored and cached as the worker does; load from ${LOAD_PROCESSES} ` +
        `process(es) on keep-alive connections`,
    );
    console.log(
      `  latency from each request's scheduled send; open loop at ${RPS} rps for ${SECONDS} s after a ` +
        `${WARMUP_SECONDS} s warm-up (2 s for the next phases); closed loop on ${CONCURRENCY} connections ` +
        `for ${THROUGHPUT_SECONDS} s; ${RUNS} runs, a fresh server each`,
    );
    for (let run = 1; run <= RUNS; run += 1) {
      const figures = await benchRun(market, loaders);
      runs.push(figures);
      console.log(`run ${run}`);
      for (const phase of phases) console.log(phaseLine(phase.label, figures.get(phase.key)!));
    }
    console.log(
      `medians of ${RUNS} runs (errors and Redis slow-log entries summed; ${market.chainsStored()} chains ` +
        'stored and cached during the benchmark)',
    );
    const medians = new Map(
      phases.map((phase) => [phase.key, medianFigures(runs.map((run) => run.get(phase.key)!))]),
    );
    for (const phase of phases) console.log(phaseLine(phase.label, medians.get(phase.key)!));
    const errors = [...medians.values()].reduce((n, f) => n + f.errors, 0);
    for (const phase of phases.filter((p) => GOAL_PHASES.includes(p.key))) {
      const figures = medians.get(phase.key)!;
      const p99s = runs.map((run) => run.get(phase.key)!.p99);
      const pass = errors === 0 && figures.p99 < GOAL_P99_MS && figures.rps >= RPS * 0.98;
      console.log(
        `goal: ${phase.label.replace(SYMBOL, '{product}')} with an API token, p99 < ${GOAL_P99_MS} ms at ` +
          `${RPS} rps: median p99 ${ms(figures.p99)} ms (runs: ${p99s.map(ms).join(' ')}), ` +
          `${figures.rps.toFixed(0)} rps achieved, ${errors} errors — ${pass ? 'PASS' : 'FAIL'}`,
      );
    }
    return errors === 0 ? 0 : 1;
  } finally {
    await Promise.all(loaders.map(stopProcess));
    await market.close();
  }
}

if (process.env.BENCH_ROLE === 'load') {
  await loadProcess();
} else {
  process.exit(await main());
}
