/**
 * feed → BullMQ → worker → PostgreSQL + Redis cache + events, on this machine, with Redis and
 * PostgreSQL local. The worker runs as its own process, as deployed; this process generates load and
 * listens to the events.
 *
 *   throughput: chains of 101 strikes × (call + put) = 202 quotes, and underlying ticks, enqueued
 *               ahead, then drained by one worker; rate = events between the first and the last event.
 *               Goals: ≥ 200 chains/s (≥ 40,000 quotes/s with IV and Greeks), ≥ 5,000 ticks/s.
 *   latency:    half the goal load (100 chains/s + 2,500 ticks/s) enqueued steadily; enqueue → event
 *               p50/p99 as seen by a subscriber. Goal: p99 < 50 ms.
 * Each phase runs several times on a fresh database; the medians are reported.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { CHANNELS } from '@deltastream/bus/channels';
import { closeMarketQueues, createMarketQueues, enqueueChains, enqueueTicks } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import type { OptionChain, Product, UnderlyingTick } from '@deltastream/core/schemas';
import { upsertProducts } from '@deltastream/db/queries';
import { createTestDatabase } from '@deltastream/db/testing';
import { createMarketSimulator } from '@deltastream/feed/simulator';
import { median, percentile } from './lib/measure';
import { startWorkerProcess, stopProcess } from './lib/worker-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
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

interface Environment {
  prefix: string;
  events: { chains: number[]; ticks: number[] };
  onEvent: (kind: 'chain' | 'tick', key: string, receivedAt: number) => void;
  queues: ReturnType<typeof createMarketQueues>;
  close: () => Promise<void>;
  startWorker: () => ReturnType<typeof startWorkerProcess>;
}

async function createEnvironment(): Promise<Environment> {
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const database = await createTestDatabase();
  await upsertProducts(database.db, products);
  const connection = createRedis(REDIS_URL, 'queue');
  const subscriber = createRedis(REDIS_URL, 'subscriber');
  const queues = createMarketQueues(connection, prefix);
  const env: Environment = {
    prefix,
    events: { chains: [], ticks: [] },
    onEvent: () => {},
    queues,
    startWorker: () =>
      startWorkerProcess({
        DATABASE_URL: database.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        PRODUCT_CATALOGUE: cataloguePath,
        WORKER_CHAIN_CONCURRENCY: process.env.BENCH_CHAIN_CONCURRENCY ?? '32',
        WORKER_TICK_CONCURRENCY: '8',
      }),
    async close() {
      for (const queue of [queues.ticks, queues.chains, queues.deadLetter])
        await queue.obliterate({ force: true });
      await closeMarketQueues(queues);
      subscriber.disconnect();
      connection.disconnect();
      await database.drop();
    },
  };
  // The listener only reads ids (no schema validation): the load generator must stay light, as it
  // shares the machine with the system under test.
  subscriber.on('message', (channel: string, message: string) => {
    const now = performance.now();
    const event = JSON.parse(message) as { product: string; expiry?: string; seq?: number; tick_id?: number };
    if (channel === CHANNELS.enrichedChain) {
      env.events.chains.push(now);
      env.onEvent('chain', `${event.product}-${event.expiry}-${event.seq}`, now);
    } else {
      env.events.ticks.push(now);
      env.onEvent('tick', `${event.product}-${event.tick_id}`, now);
    }
  });
  await subscriber.subscribe(CHANNELS.enrichedChain, CHANNELS.enrichedUnderlying);
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

async function throughputRun(chains: OptionChain[], tickWindows: UnderlyingTick[][]) {
  const env = await createEnvironment();
  try {
    await enqueueChains(env.queues, chains);
    for (const window of tickWindows) await enqueueTicks(env.queues, window);
    const tickCount = tickWindows.reduce((n, w) => n + w.length, 0);
    const worker = env.startWorker();
    await waitUntil(
      () => env.events.chains.length >= chains.length && env.events.ticks.length >= tickCount,
      300_000,
      'the drain',
    );
    await stopProcess(worker);
    return {
      chainsPerSecond: ratePerSecond(env.events.chains),
      ticksPerSecond: ratePerSecond(env.events.ticks),
    };
  } finally {
    await env.close();
  }
}

async function latencyRun(chains: OptionChain[], tickWindows: UnderlyingTick[][], seconds: number) {
  const env = await createEnvironment();
  const sentAt = new Map<string, number>();
  const latencies = { chain: [] as number[], tick: [] as number[] };
  env.onEvent = (kind, key, receivedAt) => {
    const sent = sentAt.get(key);
    if (sent !== undefined) latencies[kind].push(receivedAt - sent);
  };
  const worker = env.startWorker();
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const slices = seconds * 10;
    const chainsPerSlice = Math.ceil(chains.length / slices);
    const ticksPerSlice = Math.ceil(tickWindows.flat().length / slices);
    const ticks = tickWindows.flat();
    const start = performance.now();
    for (let slice = 0; slice < slices; slice += 1) {
      const due = start + slice * 100;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const chainBatch = chains.slice(slice * chainsPerSlice, (slice + 1) * chainsPerSlice);
      const tickBatch = ticks.slice(slice * ticksPerSlice, (slice + 1) * ticksPerSlice);
      const now = performance.now();
      for (const c of chainBatch) sentAt.set(`${c.product}-${c.expiry}-${c.seq}`, now);
      for (const t of tickBatch) sentAt.set(`${t.product}-${t.tick_id}`, now);
      await Promise.all([enqueueChains(env.queues, chainBatch), enqueueTicks(env.queues, tickBatch)]);
    }
    await waitUntil(
      () => latencies.chain.length >= chains.length && latencies.tick.length >= ticks.length,
      60_000,
      'the last events',
    );
    return {
      chainP50: percentile(latencies.chain, 50),
      chainP99: percentile(latencies.chain, 99),
      tickP50: percentile(latencies.tick, 50),
      tickP99: percentile(latencies.tick, 99),
    };
  } finally {
    await stopProcess(worker);
    await env.close();
  }
}

const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(' ');

const THROUGHPUT_CHAINS = Number(process.env.BENCH_CHAINS ?? 3000);
const THROUGHPUT_TICKS = Number(process.env.BENCH_TICKS ?? 60_000);
const chains = simulateChains(THROUGHPUT_CHAINS, 200);
const quotesPerChain = (chains[0]?.calls.length ?? 0) + (chains[0]?.puts.length ?? 0);
const tickWindows = simulateTickWindows(THROUGHPUT_TICKS, 100);
console.log(
  `pipeline: ${chains.length} chains of ${quotesPerChain} quotes, ${tickWindows.flat().length} ticks; ${RUNS} runs; 1 worker process (chain concurrency ${process.env.BENCH_CHAIN_CONCURRENCY ?? 32})`,
);

const throughput = [];
for (let run = 0; run < RUNS; run += 1) throughput.push(await throughputRun(chains, tickWindows));
const chainRates = throughput.map((r) => r.chainsPerSecond);
const tickRates = throughput.map((r) => r.ticksPerSecond);
const verdict = (ok: boolean) => (ok ? '[goal met]' : '[GOAL MISSED]');
console.log(
  `throughput chains  median ${median(chainRates).toFixed(0)} chains/s = ${(median(chainRates) * quotesPerChain).toFixed(0)} quotes/s ${verdict(median(chainRates) >= 200)}  runs: ${fmt(chainRates)}`,
);
console.log(
  `throughput ticks   median ${median(tickRates).toFixed(0)} ticks/s ${verdict(median(tickRates) >= 5000)}  runs: ${fmt(tickRates)}`,
);

const LATENCY_SECONDS = 10;
if (process.env.BENCH_THROUGHPUT_ONLY) process.exit(0);
const halfLoadChains = simulateChains(100 * LATENCY_SECONDS, 400);
const halfLoadTicks = simulateTickWindows(2500 * LATENCY_SECONDS, 100);
const latency = [];
for (let run = 0; run < RUNS; run += 1)
  latency.push(await latencyRun(halfLoadChains, halfLoadTicks, LATENCY_SECONDS));
const chainP99 = latency.map((r) => r.chainP99);
const tickP99 = latency.map((r) => r.tickP99);
console.log(
  `latency at half load (100 chains/s + 2,500 ticks/s, ${LATENCY_SECONDS} s): chains p50 ${median(latency.map((r) => r.chainP50)).toFixed(1)} ms, p99 ${median(chainP99).toFixed(1)} ms ${verdict(median(chainP99) < 50)}; ` +
    `ticks p50 ${median(latency.map((r) => r.tickP50)).toFixed(1)} ms, p99 ${median(tickP99).toFixed(1)} ms ${verdict(median(tickP99) < 50)}`,
);
console.log(`  p99 runs (ms): chains ${fmt(chainP99, 1)}; ticks ${fmt(tickP99, 1)}`);
process.exit(0);
