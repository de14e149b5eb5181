/**
 * feed → BullMQ → worker → PostgreSQL + Redis cache + events, on this machine, with Redis and
 * PostgreSQL local. The worker runs as its own process, as deployed; this process generates load and
 * listens to the events.
 *
 *   throughput: chains of 101 strikes × (call + put) = 202 quotes, and underlying ticks, each enqueued
 *               ahead and drained alone by BENCH_WORKERS worker processes (default 2, one per core);
 *               rate = events between the first and the last event.
 *               Goals: ≥ 200 chains/s (≥ 40,000 quotes/s with IV and Greeks), ≥ 5,000 ticks/s.
 *   alerts:     the same drains with BENCH_ALERTS (default 10,000) active alerts over every product and
 *               metric (lib/alerts.ts, BENCH_ALERT_BOOK typical or stress) evaluated on each chain and
 *               tick. Goal: still ≥ 200 chains/s.
 *   latency:    half the goal load (100 chains/s + 2,500 ticks/s) enqueued as the feed sends it (chains
 *               as they fall due, ticks in 100 ms batches), one worker process per queue; enqueue →
 *               event p50/p99 as seen by a subscriber, after a warm-up. Goal: p99 < 50 ms.
 * Each phase runs several times on a fresh database; the medians are reported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { CHANNELS } from '@deltastream/bus/channels';
import { closeMarketQueues, createMarketQueues, enqueueChains, enqueueTicks } from '@deltastream/bus/queues';
import { channelName, createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import type { OptionChain, Product, UnderlyingTick } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { countAlertFirings, upsertProducts } from '@deltastream/db/queries';
import { createTestDatabase } from '@deltastream/db/testing';
import { createMarketSimulator } from '@deltastream/simulator/simulator';
import { ALERT_BOOKS, seedAlerts, type AlertBook } from './lib/alerts';
import { median, percentile } from './lib/measure';
import { cpuTimeMs, cpuTimeOfCommandMs, startWorkerProcess, stopProcess } from './lib/worker-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Worker processes: the tier scales out on BullMQ; on this 2-core machine two use both cores. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CHAIN_CONCURRENCY = process.env.BENCH_CHAIN_CONCURRENCY ?? '16';
const STRIKES_EACH_SIDE = 50;
const START_MS = Date.parse('2026-11-24T04:00:00.000Z');

const products: Product[] = loadCatalogueFile().map((p) => ({ ...p, strikes_each_side: STRIKES_EACH_SIDE }));
const catalogueDir = mkdtempSync(join(tmpdir(), 'ds-bench-'));
const cataloguePath = join(catalogueDir, 'products.json');
writeFileSync(cataloguePath, JSON.stringify({ products }));

/** Chains from the simulator: one per (product, expiry) every `chainIntervalMs` of simulated time. */
function simulateChains(count: number, chainIntervalMs: number): OptionChain[] {
  const simulator = createMarketSimulator({
    products,
    seed: 7,
    rates: { ticksPerSecond: 1, chainIntervalMs },
  });
  const chains: OptionChain[] = [];
  for (let t = START_MS; chains.length < count; t += chainIntervalMs)
    chains.push(...simulator.advance(t).chains);
  return chains.slice(0, count);
}

/** Ticks from the simulator, grouped in the feed's one-second windows. */
function simulateTickWindows(count: number, ticksPerSecond: number): UnderlyingTick[][] {
  const simulator = createMarketSimulator({
    products,
    seed: 11,
    rates: { ticksPerSecond, chainIntervalMs: 3_600_000 },
  });
  const windows: UnderlyingTick[][] = [];
  let total = 0;
  const stepMs = Math.round(1000 / ticksPerSecond);
  for (let second = 0; total < count; second += 1) {
    const window: UnderlyingTick[] = [];
    for (let t = 0; t < 1000; t += stepMs)
      window.push(...simulator.advance(START_MS + second * 1000 + t).ticks);
    windows.push(window);
    total += window.length;
  }
  return windows;
}

/**
 * `product-expiry-seq` of a chain event without parsing its ~60 KB: the chain's own fields are the
 * only occurrences of these keys outside its quotes, and `seq` is the last top-level one written.
 */
function chainEventKey(message: string): string {
  const field = (name: string, from: number) => {
    const start = message.indexOf(`"${name}":`, from) + name.length + 3;
    return message.slice(start, message.indexOf(',', start)).replaceAll('"', '');
  };
  return `${field('product', 0)}-${field('expiry', 0)}-${field('seq', message.lastIndexOf('"seq":') - 1)}`;
}

interface Environment {
  prefix: string;
  db: Db;
  events: { chains: number[]; ticks: number[] };
  onEvent: (kind: 'chain' | 'tick', key: string, receivedAt: number) => void;
  queues: ReturnType<typeof createMarketQueues>;
  close: () => Promise<void>;
  /** `queuesPerProcess[i]` is WORKER_QUEUES of process i. */
  startWorkers: (queuesPerProcess?: string[]) => ReturnType<typeof startWorkerProcess>[];
}

async function createEnvironment(): Promise<Environment> {
  const prefix = testRedisPrefix('bench');
  const database = await createTestDatabase();
  await upsertProducts(database.db, products);
  const connection = createRedis(REDIS_URL, 'queue', { prefix });
  const subscriber = createRedis(REDIS_URL, 'subscriber', { prefix });
  const queues = createMarketQueues(connection, prefix);
  const env: Environment = {
    prefix,
    db: database.db,
    events: { chains: [], ticks: [] },
    onEvent: () => {},
    queues,
    startWorkers: (queuesPerProcess = Array.from({ length: WORKERS }, () => 'chains,ticks')) =>
      queuesPerProcess.map((queues) =>
        startWorkerProcess({
          WORKER_QUEUES: queues,
          DATABASE_URL: database.url,
          REDIS_URL,
          REDIS_PREFIX: prefix,
          PRODUCT_CATALOGUE: cataloguePath,
          WORKER_CHAIN_CONCURRENCY: CHAIN_CONCURRENCY,
          WORKER_TICK_CONCURRENCY: '8',
        }),
      ),
    async close() {
      for (const queue of [queues.ticks, queues.chains, queues.deadLetter])
        await queue.obliterate({ force: true });
      await closeMarketQueues(queues);
      subscriber.disconnect();
      connection.disconnect();
      await database.drop();
    },
  };
  const chainChannel = channelName(subscriber, CHANNELS.enrichedChain);
  // The listener only reads ids (no schema validation): the load generator must stay light, as it
  // shares the machine with the system under test.
  subscriber.on('message', (channel: string, message: string) => {
    const now = performance.now();
    if (channel === chainChannel) {
      env.events.chains.push(now);
      env.onEvent('chain', chainEventKey(message), now);
    } else {
      const tick = JSON.parse(message) as { product: string; tick_id: number };
      env.events.ticks.push(now);
      env.onEvent('tick', `${tick.product}-${tick.tick_id}`, now);
    }
  });
  await subscriber.subscribe(chainChannel, channelName(subscriber, CHANNELS.enrichedUnderlying));
  return env;
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function ratePerSecond(times: number[]): number {
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  return ((times.length - 1) / (last - first)) * 1000;
}

/** CPU ms used so far by the worker processes, PostgreSQL, Redis and this load generator. */
function cpuByTier(workers: ReturnType<typeof startWorkerProcess>[]): CpuByTier {
  const usage = process.cpuUsage();
  return {
    worker: workers.reduce((sum, w) => sum + (cpuTimeMs(w.pid) ?? 0), 0),
    postgres: cpuTimeOfCommandMs('postgres'),
    redis: cpuTimeOfCommandMs('redis-server'),
    bench: (usage.user + usage.system) / 1000,
  };
}
type CpuByTier = Record<'worker' | 'postgres' | 'redis' | 'bench', number>;

/**
 * Enqueues the load ahead, starts the workers and times the drain by its events; with `alerts`, that many
 * active alerts are stored first. Returns the rate, the alert firings recorded and, for a chain drain,
 * the CPU each tier spent per chain between the first and the last event (what the rate is measured
 * over): on a shared machine, the cost that decides how many chains its cores can carry.
 */
async function drainRun(
  chains: OptionChain[],
  tickWindows: UnderlyingTick[][],
  alerts = 0,
): Promise<{ rate: number; firings: number; cpuPerChainMs?: CpuByTier }> {
  const env = await createEnvironment();
  try {
    if (alerts > 0) await seedAlerts(env.db, products, alertChains, alerts, ALERT_BOOK);
    await enqueueChains(env.queues, chains);
    for (const window of tickWindows) await enqueueTicks(env.queues, window);
    const tickCount = tickWindows.reduce((n, w) => n + w.length, 0);
    const workers = env.startWorkers();
    let cpuAtFirst: CpuByTier | undefined;
    let cpuAtLast: CpuByTier | undefined;
    env.onEvent = (kind) => {
      if (kind !== 'chain') return;
      if (env.events.chains.length === 1) cpuAtFirst = cpuByTier(workers);
      if (env.events.chains.length === chains.length) cpuAtLast = cpuByTier(workers);
    };
    await waitUntil(
      () => env.events.chains.length >= chains.length && env.events.ticks.length >= tickCount,
      300_000,
      'the drain',
    );
    await Promise.all(workers.map(stopProcess));
    const perChain = (tier: keyof CpuByTier) =>
      ((cpuAtLast?.[tier] ?? 0) - (cpuAtFirst?.[tier] ?? 0)) / (chains.length - 1);
    return {
      rate: ratePerSecond(chains.length > 0 ? env.events.chains : env.events.ticks),
      firings: await countAlertFirings(env.db),
      cpuPerChainMs:
        cpuAtFirst && cpuAtLast
          ? {
              worker: perChain('worker'),
              postgres: perChain('postgres'),
              redis: perChain('redis'),
              bench: perChain('bench'),
            }
          : undefined,
    };
  } finally {
    await env.close();
  }
}

/**
 * Steady load for `seconds`; the first WARMUP_SECONDS run the same load unmeasured, so the workers'
 * JIT has compiled the hot paths (the first seconds of a cold process run several times slower).
 */
async function latencyRun(chains: OptionChain[], tickWindows: UnderlyingTick[][], seconds: number) {
  // One worker deployment per queue, as production scales them (chain enrichment's CPU bursts then
  // never delay ticks); BENCH_LATENCY_QUEUES tries other layouts, e.g. 'chains,ticks' for one process.
  const deployments = (process.env.BENCH_LATENCY_QUEUES ?? 'chains;ticks').split(';');
  const env = await createEnvironment();
  const sentAt = new Map<string, number>();
  const latencies = { chain: [] as number[], tick: [] as number[] };
  const timeline: [number, number][] = [];
  env.onEvent = (kind, key, receivedAt) => {
    const sent = sentAt.get(key);
    if (sent !== undefined) latencies[kind].push(receivedAt - sent);
    if (sent !== undefined && kind === 'chain') timeline.push([sent, receivedAt - sent]);
  };
  const workers = env.startWorkers(deployments);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Chains are enqueued one by one as they fall due, evenly over each second; ticks in the feed's
    // batches (one job per product per window), as the feed sends them.
    const ticks = tickWindows.flat();
    const slices = seconds * SLICES_PER_SECOND;
    const chainsPerSlice = Math.ceil(chains.length / slices);
    const tickSlices = (seconds * 1000) / TICK_BATCH_WINDOW_MS;
    const ticksPerTickSlice = Math.ceil(ticks.length / tickSlices);
    const slicesPerTickSlice = slices / tickSlices;
    const start = performance.now();
    const sends: Promise<void>[] = [];
    for (let slice = 0; slice < slices; slice += 1) {
      const due = start + (slice * 1000) / SLICES_PER_SECOND;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const now = performance.now();
      const measured = slice >= WARMUP_SECONDS * SLICES_PER_SECOND;
      const chainBatch = chains.slice(slice * chainsPerSlice, (slice + 1) * chainsPerSlice);
      if (measured) for (const c of chainBatch) sentAt.set(`${c.product}-${c.expiry}-${c.seq}`, now);
      sends.push(enqueueChains(env.queues, chainBatch));
      if (slice % slicesPerTickSlice === 0) {
        const tickSlice = slice / slicesPerTickSlice;
        const tickBatch = ticks.slice(tickSlice * ticksPerTickSlice, (tickSlice + 1) * ticksPerTickSlice);
        if (measured) for (const t of tickBatch) sentAt.set(`${t.product}-${t.tick_id}`, now);
        sends.push(enqueueTicks(env.queues, tickBatch));
      }
    }
    await Promise.all(sends);
    const measuredChains = chains.length - WARMUP_SECONDS * SLICES_PER_SECOND * chainsPerSlice;
    const measuredTicks = ticks.length - ((WARMUP_SECONDS * 1000) / TICK_BATCH_WINDOW_MS) * ticksPerTickSlice;
    await waitUntil(
      () => latencies.chain.length >= measuredChains && latencies.tick.length >= measuredTicks,
      60_000,
      'the last events',
    );
    if (process.env.BENCH_DEBUG) {
      for (const queue of [env.queues.chains, env.queues.ticks]) {
        const jobs = await queue.getJobs(['completed'], 0, 5000);
        const wait = jobs.map((j) => (j.processedOn ?? 0) - j.timestamp);
        const run = jobs.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0));
        console.log(
          `  ${queue.name}: wait p50 ${percentile(wait, 50)} p99 ${percentile(wait, 99)} | run p50 ${percentile(run, 50)} p99 ${percentile(run, 99)} ms`,
        );
      }
      const t0 = timeline[0]![0];
      for (let second = 0; second < seconds - WARMUP_SECONDS; second += 1) {
        const inSecond = timeline
          .filter(([sent]) => sent - t0 >= second * 1000 && sent - t0 < (second + 1) * 1000)
          .map(([, l]) => l);
        console.log(
          `  second ${second}: chains ${inSecond.length} p50 ${percentile(inSecond, 50).toFixed(1)} max ${Math.max(...inSecond).toFixed(1)}`,
        );
      }
    }
    return {
      chainP50: percentile(latencies.chain, 50),
      chainP99: percentile(latencies.chain, 99),
      tickP50: percentile(latencies.tick, 50),
      tickP99: percentile(latencies.tick, 99),
    };
  } finally {
    await Promise.all(workers.map(stopProcess));
    await env.close();
  }
}

const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(' ');

const THROUGHPUT_CHAINS = Number(process.env.BENCH_CHAINS ?? 3000);
const THROUGHPUT_TICKS = Number(process.env.BENCH_TICKS ?? 60_000);
const chains = simulateChains(THROUGHPUT_CHAINS, 200);
const quotesPerChain = (chains[0]?.calls.length ?? 0) + (chains[0]?.puts.length ?? 0);
const tickWindows = simulateTickWindows(THROUGHPUT_TICKS, 100);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 10_000);
/** How near the market the alerts sit (see ALERT_BOOKS): `typical` by default, `stress` to fire half. */
const ALERT_BOOK = (process.env.BENCH_ALERT_BOOK ?? 'typical') as AlertBook;
if (!(ALERT_BOOK in ALERT_BOOKS))
  throw new Error(`BENCH_ALERT_BOOK: must be ${Object.keys(ALERT_BOOKS).join(' or ')}`);
/** The alerts' levels are set from the first chains of the chain drain. */
const alertChains = chains;
console.log(
  `pipeline: ${chains.length} chains of ${quotesPerChain} quotes, ${tickWindows.flat().length} ticks; ${RUNS} runs; ${WORKERS} worker process(es), chain concurrency ${CHAIN_CONCURRENCY} each`,
);

const chainRuns: Awaited<ReturnType<typeof drainRun>>[] = [];
const tickRates: number[] = [];
const alertChainRuns: Awaited<ReturnType<typeof drainRun>>[] = [];
const alertTickRuns: { rate: number; firings: number }[] = [];
for (let run = 0; run < (process.env.BENCH_LATENCY_ONLY ? 0 : RUNS); run += 1) {
  if (!process.env.BENCH_ALERTS_ONLY) {
    chainRuns.push(await drainRun(chains, []));
    tickRates.push((await drainRun([], tickWindows)).rate);
  }
  if (ALERTS > 0) {
    alertChainRuns.push(await drainRun(chains, [], ALERTS));
    alertTickRuns.push(await drainRun([], tickWindows, ALERTS));
  }
}
const verdict = (ok: boolean) => (ok ? '[goal met]' : '[GOAL MISSED]');
const chainRates = chainRuns.map((r) => r.rate);
/** Median CPU per chain of each tier over the runs, e.g. `worker 6.1 + postgres 3.2 + … = 10.4 ms`. */
function cpuPerChain(runs: readonly { cpuPerChainMs?: CpuByTier }[]): string {
  const measured = runs.flatMap((r) => (r.cpuPerChainMs ? [r.cpuPerChainMs] : []));
  if (measured.length === 0) return '';
  const tiers = ['worker', 'postgres', 'redis', 'bench'] as const;
  const medians = tiers.map((tier) => median(measured.map((m) => m[tier])));
  const parts = tiers.map((tier, i) => `${tier} ${(medians[i] as number).toFixed(2)}`);
  return `; CPU per chain (ms): ${parts.join(' + ')} = ${medians.reduce((a, b) => a + b, 0).toFixed(2)}`;
}
console.log(
  `throughput chains  median ${median(chainRates).toFixed(0)} chains/s = ${(median(chainRates) * quotesPerChain).toFixed(0)} quotes/s ${verdict(median(chainRates) >= 200)}  runs: ${fmt(chainRates)}${cpuPerChain(chainRuns)}`,
);
console.log(
  `throughput ticks   median ${median(tickRates).toFixed(0)} ticks/s ${verdict(median(tickRates) >= 5000)}  runs: ${fmt(tickRates)}`,
);
if (alertChainRuns.length > 0) {
  const rates = (runs: typeof alertChainRuns) => runs.map((r) => r.rate);
  const firings = (runs: typeof alertChainRuns) => fmt(runs.map((r) => r.firings));
  console.log(
    `with ${ALERTS} alerts (${ALERT_BOOK} book): chains median ${median(rates(alertChainRuns)).toFixed(0)} chains/s ${verdict(median(rates(alertChainRuns)) >= 200)}  runs: ${fmt(rates(alertChainRuns))} (firings: ${firings(alertChainRuns)})${cpuPerChain(alertChainRuns)}`,
  );
  console.log(
    `with ${ALERTS} alerts (${ALERT_BOOK} book): ticks median ${median(rates(alertTickRuns)).toFixed(0)} ticks/s ${verdict(median(rates(alertTickRuns)) >= 5000)}  runs: ${fmt(rates(alertTickRuns))} (firings: ${firings(alertTickRuns)})`,
  );
}

const LATENCY_SECONDS = 10;
/** The feed emits as events fall due; the load generator spreads the same rate over this many slices a second. */
const SLICES_PER_SECOND = 100;
const WARMUP_SECONDS = 3;
/** The feed's tick batching window (feed/src/tick-batcher.ts). */
const TICK_BATCH_WINDOW_MS = 100;
if (process.env.BENCH_THROUGHPUT_ONLY) process.exit(0);
const halfLoadChains = simulateChains(100 * LATENCY_SECONDS, 400);
const halfLoadTicks = simulateTickWindows(2500 * LATENCY_SECONDS, 100);
const latency = [];
for (let run = 0; run < RUNS; run += 1)
  latency.push(await latencyRun(halfLoadChains, halfLoadTicks, LATENCY_SECONDS));
const chainP99 = latency.map((r) => r.chainP99);
const tickP99 = latency.map((r) => r.tickP99);
console.log(
  `latency at half load (100 chains/s + 2,500 ticks/s, ${LATENCY_SECONDS} s measured after ${WARMUP_SECONDS} s warm-up): chains p50 ${median(latency.map((r) => r.chainP50)).toFixed(1)} ms, p99 ${median(chainP99).toFixed(1)} ms ${verdict(median(chainP99) < 50)}; ` +
    `ticks p50 ${median(latency.map((r) => r.tickP50)).toFixed(1)} ms, p99 ${median(tickP99).toFixed(1)} ms ${verdict(median(tickP99) < 50)}`,
);
console.log(`  p99 runs (ms): chains ${fmt(chainP99, 1)}; ticks ${fmt(tickP99, 1)}`);
process.exit(0);
