import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheAndPublishTicks, cacheLatestChain } from '@deltastream/bus/cache';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { CHANNELS } from '@deltastream/bus/channels';
import { createRedis } from '@deltastream/bus/redis';
import { deleteNamespace, enrichInOrder, testRedisPrefix } from '@deltastream/bus/testing';
import { zonedDate } from '@deltastream/core/calendar';
import type { OptionChain, Product, UnderlyingTick } from '@deltastream/core/schemas';
import { insertChainSnapshots, insertTicks, upsertProducts } from '@deltastream/db/queries';
import { createTestDatabase, type TestDatabase } from '@deltastream/db/testing';
import type { SimulatorOutput, StoredMarket } from '@deltastream/simulator/simulator';
import { createFeed } from './app';
import { createCapturingQueues } from './capturing-queues';
import { sampleSessionProducts } from './sample-session';
import { readStoredMarket } from './stored-market';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
const products = sampleSessionProducts(loadCatalogueFile());
const HOUR = 3_600_000;
const liveRates = { ticksPerSecond: 2, chainIntervalMs: 1000 };
/** The first run: two days of hourly ticks and chains, so prices and open interest wander far from the catalogue. */
const hourlyRates = { ticksPerSecond: 1 / 3600, chainIntervalMs: HOUR };
const firstRunStartMs = Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR;
const firstRunMs = 47 * HOUR;
const restartMs = firstRunStartMs + 48 * HOUR;

const redis = createRedis(redisUrl, 'command', { prefix: testRedisPrefix('feed-restart') });
let database: TestDatabase;
let firstRun: SimulatorOutput;

function runFeed(rates: typeof liveRates, startMs: number, durationMs: number, continueFrom?: StoredMarket) {
  const feed = createFeed({
    products,
    queues: createCapturingQueues().queues,
    seed: 20_261_204,
    rates,
    continueFrom,
    logger,
    registry: new Registry(),
  });
  return feed.runFor(startMs, durationMs).finally(() => feed.stop());
}

/** What the worker does with what the feed sent: enrich, store in PostgreSQL, then cache the latest. */
async function storeAsTheWorkerDoes({ ticks, chains }: SimulatorOutput): Promise<void> {
  const enriched = products.flatMap((product) =>
    enrichInOrder(
      product,
      chains.filter((chain) => chain.product === product.symbol),
    ),
  );
  await insertChainSnapshots(database.db, enriched);
  for (const chain of enriched) await cacheLatestChain(redis, chain);
  await insertTicks(database.db, ticks);
  for (const product of products) {
    const latest = ticks.filter((t) => t.product === product.symbol).at(-1) as UnderlyingTick;
    await cacheAndPublishTicks(
      redis,
      [
        {
          ...latest,
          type: 'UNDERLYING_ENRICHED',
          change: 0,
          change_pct: 0,
          session_open: latest.price,
          processed_at: latest.timestamp,
        },
      ],
      CHANNELS.enrichedUnderlying,
    );
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  await upsertProducts(database.db, products);
  firstRun = await runFeed(hourlyRates, firstRunStartMs, firstRunMs);
  await storeAsTheWorkerDoes(firstRun);
}, 60_000);

afterAll(async () => {
  await deleteNamespace(redis);
  await redis.quit();
  await database.drop();
});

const lastOf = <T extends { product: string }>(items: readonly T[], key: (item: T) => string) =>
  new Map(items.map((item) => [key(item), item]));
const contractsOf = (chains: readonly OptionChain[]) =>
  new Map(
    chains.flatMap((c) =>
      [...c.calls, ...c.puts].map((q) => [
        `${c.product} ${c.expiry} ${q.option_type} ${q.strike}`,
        { chain: c, quote: q },
      ]),
    ),
  );

/**
 * How the first output after the restart departs from what was stored: the largest price move in standard
 * deviations of one tick interval, and the contracts whose open interest moved by more than they traded
 * in that first snapshot (a spike no trading explains).
 */
function departures(after: SimulatorOutput) {
  const storedTicks = lastOf(firstRun.ticks, (t) => t.product);
  const dtYears = 1 / liveRates.ticksPerSecond / (365 * 86_400);
  const priceMovesSd = products.map((product) => {
    const before = storedTicks.get(product.symbol)?.price as number;
    const first = after.ticks.find((t) => t.product === product.symbol)?.price as number;
    return Math.abs(Math.log(first / before)) / (product.volatility * Math.sqrt(dtYears));
  });
  const stored = contractsOf([...lastOf(firstRun.chains, (c) => `${c.product} ${c.expiry}`).values()]);
  const firstChains = after.chains.filter((c) => c.timestamp === new Date(restartMs).toISOString());
  let compared = 0;
  const spikes: string[] = [];
  for (const [key, { chain, quote }] of contractsOf(firstChains)) {
    const was = stored.get(key);
    if (!was) continue;
    compared += 1;
    const product = products.find((p) => p.symbol === chain.product) as Product;
    const sameSession =
      zonedDate(Date.parse(chain.timestamp), product.time_zone) ===
      zonedDate(Date.parse(was.chain.timestamp), product.time_zone);
    const traded = sameSession ? quote.volume - was.quote.volume : quote.volume;
    const moved = Math.abs(quote.open_interest - was.quote.open_interest);
    if (traded < 0 || moved > traded)
      spikes.push(`${key}: OI ${was.quote.open_interest} → ${quote.open_interest}, traded ${traded}`);
  }
  return { maxPriceMoveSd: Math.max(...priceMovesSd), compared, spikes };
}

describe('a feed restarted against the same Redis and PostgreSQL', () => {
  it('would fake jumps if it started from the catalogue (the check below can fail)', async () => {
    const fresh = departures(await runFeed(liveRates, restartMs, 1000));
    expect(fresh.maxPriceMoveSd).toBeGreaterThan(4);
    expect(fresh.spikes.length).toBeGreaterThan(fresh.compared / 2);
  });

  it('continues prices and open interest from the cache within one normal step', async () => {
    const { market, origins } = await readStoredMarket(
      { redis, db: database.db, logger },
      products,
      restartMs,
    );
    expect(origins.map((o) => o.tickFrom)).toEqual(['cache', 'cache']);
    const after = departures(await runFeed(liveRates, restartMs, 1000, market));
    expect(after.maxPriceMoveSd).toBeLessThanOrEqual(4);
    expect(after.compared).toBeGreaterThan(20);
    expect(after.spikes).toEqual([]);
  });

  it('continues from PostgreSQL what the cache no longer holds', async () => {
    await deleteNamespace(redis);
    const { market, origins } = await readStoredMarket(
      { redis, db: database.db, logger },
      products,
      restartMs,
    );
    expect(origins.map((o) => [o.tickFrom, o.chainsFromCache])).toEqual([
      ['database', 0],
      ['database', 0],
    ]);
    expect(origins.every((o) => o.chainsFromDatabase > 0)).toBe(true);
    const after = departures(await runFeed(liveRates, restartMs, 1000, market));
    expect(after.maxPriceMoveSd).toBeLessThanOrEqual(4);
    expect(after.compared).toBeGreaterThan(20);
    expect(after.spikes).toEqual([]);
  });
});
