import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCataloguePath } from '@deltastream/bus/catalogue';
import { closeMarketQueues, createMarketQueues, type MarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';
import { deleteNamespace, testRedisPrefix } from '@deltastream/bus/testing';
import type { EnrichedChain, EnrichedOptionQuote } from '@deltastream/core/schemas';
import { getLatestTick, getRecentChains, upsertProducts } from '@deltastream/db/queries';
import { createTestDatabase, type TestDatabase } from '@deltastream/db/testing';
import { createReplay } from '../replay';
import { importOptionFile } from './import-file';
import { catalogue, DEFAULT_RATES, IMPORT_FIXTURES } from './testing';

/** The real worker, started as `npm run dev -w @deltastream/worker` would (a process, not an import). */
const WORKER_MAIN = fileURLToPath(new URL('../../../worker/src/main.ts', import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EXPIRIES = [
  ['NIFTY', '2026-12-01'],
  ['NIFTY', '2026-12-29'],
  ['BANKNIFTY', '2026-12-29'],
  ['BANKNIFTY', '2027-01-25'],
] as const;

const directory = mkdtempSync(join(tmpdir(), 'feed-import-replay-'));
const recording = join(directory, 'bhavcopy.jsonl');
const prefix = testRedisPrefix('feed-import');
const redis = createRedis(REDIS_URL, 'command', { prefix });
const connection = createRedis(REDIS_URL, 'queue', { prefix });
let queues: MarketQueues;
let database: TestDatabase;
let worker: ChildProcess;

async function replay() {
  const run = createReplay({
    file: recording,
    speed: 0,
    queues,
    logger: pino({ level: 'silent' }),
    registry: new Registry(),
  });
  return run.run();
}

/** Every snapshot stored of each expiry of the file. */
async function storedSnapshots(): Promise<EnrichedChain[]> {
  const perExpiry = await Promise.all(
    EXPIRIES.map(([product, expiry]) => getRecentChains(database.db, { product, expiry, limit: 10 })),
  );
  return perExpiry.flat();
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const quote = (chain: EnrichedChain | undefined, side: 'calls' | 'puts', strike: number) =>
  chain?.[side].find((q) => q.strike === strike) as EnrichedOptionQuote;

/** Imports the UDiFF fixture into the recording that `replay` plays. */
async function importUdiffFixture() {
  const imported = await importOptionFile({
    input: IMPORT_FIXTURES.udiff,
    output: recording,
    products: catalogue,
    rates: DEFAULT_RATES,
  });
  expect(imported.failure).toBeUndefined();
}

beforeAll(async () => {
  database = await createTestDatabase();
  await upsertProducts(database.db, catalogue);
  queues = createMarketQueues(connection, prefix);
  await importUdiffFixture();
  worker = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      PRODUCT_CATALOGUE: defaultCataloguePath(),
      WORKER_PORT: '0',
      // The trade date must outlive the hourly pruning whenever the test runs.
      RETENTION_DAYS: '3650',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 60_000);

afterAll(async () => {
  if (worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await closeMarketQueues(queues);
  await deleteNamespace(redis);
  redis.disconnect();
  connection.disconnect();
  await database.drop();
  rmSync(directory, { recursive: true, force: true });
}, 60_000);

describe('an imported bhavcopy through the replay, the queues and the real worker', () => {
  it('is stored with IVs solved from the settlement prices and the open interest of the file', async () => {
    expect(await replay()).toEqual({ ticks: 2, chains: 4, skipped: [], completed: true });
    await waitFor(async () => (await storedSnapshots()).length === 4, 'the four chains to be stored');
    await waitFor(async () => (await getLatestTick(database.db, 'NIFTY')) !== null, 'the NIFTY tick');

    const [nifty] = await getRecentChains(database.db, { product: 'NIFTY', expiry: '2026-12-29', limit: 1 });
    expect(nifty).toMatchObject({
      spot_price: 26_202.95,
      timestamp: '2026-11-27T10:00:00.000Z',
      time_to_expiry_years: 32 / 365,
    });
    // Line 18 of the file: 26200 CE, SttlmPric 448.00, OpnIntrst 13015665 (200241 lots of 65), TtlTradgVol 144175.
    expect(quote(nifty, 'calls', 26_200)).toMatchObject({ bid: 0, ask: 0, last: 448, mid: 448 });
    expect(quote(nifty, 'calls', 26_200)).toMatchObject({ open_interest: 200_241, volume: 144_175 });
    // Solved by the worker from the settlement price: the fixture's prices come from a smile of 12.4% here.
    expect(quote(nifty, 'calls', 26_200).iv).toBeCloseTo(0.124_060_014_273_919_29, 12);
    expect(nifty?.total_call_oi).toBe(182_299 + 118_372 + 200_241 + 153_226 + 177_417);

    // Line 32, never traded that day: its stale close (1118.85) would solve to a far higher IV than the call
    // of its strike; the settlement price (909.65) agrees with it, as put-call parity wants.
    const [january] = await getRecentChains(database.db, {
      product: 'BANKNIFTY',
      expiry: '2027-01-25',
      limit: 1,
    });
    const put = quote(january, 'puts', 59_000);
    expect(put).toMatchObject({ last: 909.65, volume: 0, open_interest: 198_096 });
    expect(put.iv).toBeCloseTo(0.141_844_375_537_668_27, 12);
    expect(Math.abs((put.iv ?? 0) - (quote(january, 'calls', 59_000).iv ?? 0))).toBeLessThan(1e-5);

    expect(await getLatestTick(database.db, 'BANKNIFTY')).toMatchObject({
      price: 59_430.1,
      timestamp: '2026-11-27T10:00:00.000Z',
    });
  }, 90_000);

  it('adds nothing when the same file is imported and replayed again', async () => {
    await importUdiffFixture();
    expect(await replay()).toEqual({ ticks: 2, chains: 4, skipped: [], completed: true });
    // The same job ids: BullMQ holds them already and adds no job, in any state.
    const states = ['completed', 'waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
    expect(await queues.chains.getJobCountByTypes(...states)).toBe(4);
    expect(await queues.chains.getJobCountByTypes('completed')).toBe(4);
    expect(await queues.ticks.getJobCountByTypes(...states)).toBe(2);
    expect((await storedSnapshots()).map((chain) => chain.seq)).toEqual(
      EXPIRIES.map(() => Date.parse('2026-11-27T10:00:00.000Z') / 1000),
    );
  }, 30_000);
});
