/**
 * realtime/ under load on loopback, load generator included, on this machine: two gateway processes
 * (as two pods behind an ingress), BENCH_CLIENTS socket.io clients split between them, each
 * subscribed to one product and one chain. Each second the publisher sends 9 enriched ticks
 * (round-robin over the products) and 1 enriched chain, so every client receives 10 updates a
 * second (9 `underlying_update` + 1 `chain_summary`, all clients being in `general`), and the chain's
 * subscribers also its `chain_update`. Latency: the event's publish instant (carried in the payload)
 * to the client's receipt. Goal: 2,000 clients, p99 < 100 ms.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { CHANNELS } from '@deltastream/bus/channels';
import { channelName, createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { enrichChain, NO_CHANGE_BASES } from '@deltastream/core/analytics';
import type { EnrichedChain, EnrichedUnderlying } from '@deltastream/core/schemas';
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@deltastream/core/socket';
import { createMarketSimulator } from '@deltastream/simulator/simulator';
import { waitForHttpOk } from './lib/http-load';
import { median, percentile } from './lib/measure';
import { stopProcess } from './lib/worker-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The benchmark's own Redis namespace: nothing it writes or publishes reaches a running platform. */
const REDIS_PREFIX = testRedisPrefix('bench-realtime');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const TICKS_PER_SECOND = 9;
const CHAINS_PER_SECOND = 1;
const GATEWAY_PORTS = [8102, 8103];
const GATEWAY_MAIN = fileURLToPath(new URL('../realtime/src/main.ts', import.meta.url));
/** Client processes: the load generator spreads its sockets over both cores, as the gateways do. */
const CLIENT_PROCESSES = 2;

const products = loadCatalogueFile();

function startGateway(port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', GATEWAY_MAIN], {
    env: {
      ...process.env,
      REDIS_URL,
      REDIS_PREFIX,
      REALTIME_PORT: String(port),
      PUBLIC_MARKET_DATA: 'true',
      NODE_ENV: 'development',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A realistic enriched chain per product (41 strikes), re-stamped at publish time. */
function sampleChains(): EnrichedChain[] {
  const simulator = createMarketSimulator({
    products,
    seed: 5,
    rates: { ticksPerSecond: 1, chainIntervalMs: 1000 },
  });
  const { chains } = simulator.advance(Date.now());
  const byProduct = new Map(products.map((p) => [p.symbol, p]));
  const firstPerProduct = new Map<string, EnrichedChain>();
  for (const chain of chains) {
    if (firstPerProduct.has(chain.product)) continue;
    firstPerProduct.set(
      chain.product,
      enrichChain(chain, byProduct.get(chain.product)!, NO_CHANGE_BASES, new Date().toISOString()),
    );
  }
  return [...firstPerProduct.values()];
}

interface Client {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  latencies: number[];
  received: number;
}

async function connectClients(count: number, offset: number): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, k) => {
      const index = offset + i + k;
      const product = products[index % products.length]!.symbol;
      const socket: Client['socket'] = io(`http://127.0.0.1:${GATEWAY_PORTS[index % GATEWAY_PORTS.length]}`, {
        transports: ['websocket'],
        reconnection: false,
      });
      const client: Client = { socket, latencies: [], received: 0 };
      const record = (sentAtMs: number) => {
        client.received += 1;
        client.latencies.push(Date.now() - sentAtMs);
      };
      socket.on(SERVER_EVENTS.underlyingUpdate, (tick) => record(Date.parse(tick.processed_at)));
      socket.on(SERVER_EVENTS.chainSummary, (summary) => record(Date.parse(summary.timestamp)));
      clients.push(client);
      return new Promise<void>((resolve, reject) => {
        let acknowledged = 0;
        socket.on(SERVER_EVENTS.subscribed, () => {
          acknowledged += 1;
          if (acknowledged === 2) resolve();
        });
        socket.on('connect_error', reject);
        socket.on('connect', () => {
          socket.emit(CLIENT_EVENTS.subscribe, { type: 'product', symbol: product });
          socket.emit(CLIENT_EVENTS.subscribe, { type: 'chain', symbol: product });
        });
      });
    });
    await Promise.all(batch);
  }
  return clients;
}

/** A client process: connects its share of the clients and reports their latencies on request. */
async function clientProcess(): Promise<void> {
  const [count, offset] = [Number(process.env.BENCH_CLIENT_COUNT), Number(process.env.BENCH_CLIENT_OFFSET)];
  const clients = await connectClients(count, offset);
  process.on('message', (message: string) => {
    if (message === 'reset') {
      for (const client of clients) {
        client.latencies = [];
        client.received = 0;
      }
    } else if (message === 'report') {
      for (const client of clients) client.socket.close();
      // Exit only once the (large) report has been handed over; exiting at once can drop it.
      process.send?.(
        {
          latencies: clients.flatMap((c) => c.latencies),
          received: clients.reduce((n, c) => n + c.received, 0),
        },
        () => process.exit(0),
      );
    }
  });
  process.send?.('ready');
}

function startClientProcess(count: number, offset: number): ChildProcess {
  return fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_ROLE: 'clients',
      BENCH_CLIENT_COUNT: String(count),
      BENCH_CLIENT_OFFSET: String(offset),
    },
  });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

async function run(chains: EnrichedChain[]) {
  const gateways = GATEWAY_PORTS.map(startGateway);
  const publisher = createRedis(REDIS_URL, 'command', { prefix: REDIS_PREFIX });
  try {
    await Promise.all(GATEWAY_PORTS.map((port) => waitForHttpOk(`http://127.0.0.1:${port}/health`)));
    const connectStart = Date.now();
    const share = Math.ceil(CLIENTS / CLIENT_PROCESSES);
    const clientProcesses = Array.from({ length: CLIENT_PROCESSES }, (_, i) =>
      startClientProcess(Math.min(share, CLIENTS - i * share), i * share),
    );
    await Promise.all(clientProcesses.map((child) => nextMessage<string>(child)));
    const connectSeconds = (Date.now() - connectStart) / 1000;

    const ticksInSlot = TICKS_PER_SECOND / 10;
    let tickCredit = 0;
    let chainCredit = 0;
    let sequence = 0;
    const slots = (WARMUP_SECONDS + SECONDS) * 10;
    const start = Date.now();
    let measuredFrom = 0;
    for (let slot = 0; slot < slots; slot += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + slot * 100 - Date.now())));
      if (slot === WARMUP_SECONDS * 10) {
        for (const child of clientProcesses) child.send('reset');
        measuredFrom = Date.now();
      }
      const now = new Date().toISOString();
      tickCredit += ticksInSlot;
      chainCredit += CHAINS_PER_SECOND / 10;
      const sends: Promise<number>[] = [];
      for (; tickCredit >= 1; tickCredit -= 1, sequence += 1) {
        const product = products[sequence % products.length]!.symbol;
        const tick: EnrichedUnderlying = {
          type: 'UNDERLYING_ENRICHED',
          product,
          price: 100 + (sequence % 10),
          timestamp: now,
          tick_id: sequence,
          change: 0,
          change_pct: 0,
          session_open: 100,
          processed_at: now,
        };
        sends.push(
          publisher.publish(channelName(publisher, CHANNELS.enrichedUnderlying), JSON.stringify(tick)),
        );
      }
      for (; chainCredit >= 1; chainCredit -= 1, sequence += 1) {
        const chain = chains[sequence % chains.length]!;
        const stamped = { ...chain, timestamp: now, processed_at: now, seq: sequence };
        sends.push(
          publisher.publish(channelName(publisher, CHANNELS.enrichedChain), JSON.stringify(stamped)),
        );
      }
      await Promise.all(sends);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const measuredSeconds = (Date.now() - measuredFrom) / 1000;
    const reports = await Promise.all(
      clientProcesses.map((child) => {
        const report = nextMessage<{ latencies: number[]; received: number }>(child);
        child.send('report');
        return report;
      }),
    );
    const latencies = reports.flatMap((r) => r.latencies);
    const received = reports.reduce((n, r) => n + r.received, 0);
    return {
      connectSeconds,
      clients: CLIENTS,
      perClientPerSecond: received / CLIENTS / SECONDS,
      deliveredPerSecond: received / measuredSeconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    };
  } finally {
    publisher.disconnect();
    await Promise.all(gateways.map(stopProcess));
  }
}

if (process.env.BENCH_ROLE === 'clients') {
  await clientProcess();
} else {
  const chains = sampleChains();
  const results = [];
  for (let i = 0; i < RUNS; i += 1) results.push(await run(chains));
  const verdict = (ok: boolean) => (ok ? '[goal met]' : '[GOAL MISSED]');
  const p99s = results.map((r) => r.p99);
  console.log(
    `realtime: ${CLIENTS} clients on ${GATEWAY_PORTS.length} gateway processes, each subscribed to one product and one chain; ` +
      `${TICKS_PER_SECOND} ticks + ${CHAINS_PER_SECOND} chain published per second; ${SECONDS} s measured after ${WARMUP_SECONDS} s; ${RUNS} runs`,
  );
  console.log(
    `updates per client per second: median ${median(results.map((r) => r.perClientPerSecond)).toFixed(2)}; ` +
      `delivered: median ${median(results.map((r) => r.deliveredPerSecond)).toFixed(0)} messages/s; ` +
      `connect ${median(results.map((r) => r.connectSeconds)).toFixed(1)} s for all clients`,
  );
  console.log(
    `publish → client latency: p50 ${median(results.map((r) => r.p50)).toFixed(1)} ms, p99 ${median(p99s).toFixed(1)} ms ${verdict(median(p99s) < 100)}; ` +
      `p99 runs (ms): ${p99s.map((v) => v.toFixed(1)).join(' ')}; max ${median(results.map((r) => r.max)).toFixed(0)} ms`,
  );
  process.exit(0);
}
