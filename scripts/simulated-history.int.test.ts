import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { tradingDates } from '@deltastream/core/calendar';
import { IvRankSchema, type Product } from '@deltastream/core/schemas';
import { ivRankAndPercentile, latestRealisedVol } from '@deltastream/core/volatility';
import type { Db } from '@deltastream/db/client';
import {
  getDailyCandles,
  getDailyIvPoints,
  getIvLookback,
  getLatestDailyIvPoint,
  insertTicks,
  upsertIvPoints,
  upsertProducts,
} from '@deltastream/db/queries';
import { createTestDatabase, type TestDatabase } from '@deltastream/db/testing';
import { backfillSimulatedHistory } from './simulated-history';

const catalogue = loadCatalogueFile();
const nifty = catalogue.find((p) => p.symbol === 'NIFTY')!;
const aapl = catalogue.find((p) => p.symbol === 'AAPL')!;
// 17:00 UTC on Friday 2026-12-04: 22:30 that day in Kolkata and 12:00 in New York, so both are on
// 2026-12-04 and the history runs from 2025-12-04 through 2026-12-03.
const now = new Date('2026-12-04T17:00:00.000Z');
const LIMIT = 1_000;

/** Everything the backfill stored for `product`, as the readers return it. */
async function storedHistory(db: Db, product: string) {
  return {
    iv: await getDailyIvPoints(db, { product, limit: LIMIT }),
    candles: await getDailyCandles(db, { product, limit: LIMIT }),
  };
}

describe('the simulated history backfill (real PostgreSQL)', () => {
  const databases: TestDatabase[] = [];
  async function database(products: Product[]): Promise<Db> {
    const test = await createTestDatabase();
    databases.push(test);
    await upsertProducts(test.db, products);
    return test.db;
  }
  afterAll(async () => {
    await Promise.all(databases.map((test) => test.drop()));
  });

  let first: Db;
  beforeAll(async () => {
    first = await database([nifty, aapl]);
  });

  it('fills a year of trading days per product, marked simulated, and adds nothing when run again', async () => {
    expect(await backfillSimulatedHistory(first, { products: [nifty, aapl], seed: 1, now })).toEqual([
      { product: 'NIFTY', days: tradingDates('2025-12-04', '2026-12-03', nifty.holidays).length },
      { product: 'AAPL', days: tradingDates('2025-12-04', '2026-12-03', aapl.holidays).length },
    ]);
    for (const product of [nifty, aapl]) {
      const { iv, candles } = await storedHistory(first, product.symbol);
      const dates = iv.map((point) => point.date);
      expect(dates.length, product.symbol).toBeGreaterThan(240);
      expect(dates[0]! >= '2025-12-04' && dates.at(-1)! <= '2026-12-03').toBe(true);
      // Weekdays only, and none of the exchange's holidays.
      for (const date of dates) {
        expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
        expect(product.holidays).not.toContain(date);
      }
      expect(candles.map((candle) => candle.date)).toEqual(dates);
      expect(new Set([...iv, ...candles].map((row) => row.source))).toEqual(new Set(['simulated']));
      // Where the live market starts: the catalogue price, nothing being stored.
      expect(candles.at(-1)?.close).toBe(product.base_price);
    }
    // NSE's Diwali closing (Tuesday 2026-11-10) and Thanksgiving in New York (Thursday 2026-11-26) are
    // skipped; the days around them are not.
    const datesOf = async (product: string) => (await storedHistory(first, product)).iv.map((p) => p.date);
    expect(await datesOf('NIFTY')).toEqual(expect.arrayContaining(['2026-11-09', '2026-11-11']));
    expect(await datesOf('NIFTY')).not.toContain('2026-11-10');
    expect(await datesOf('AAPL')).toEqual(expect.arrayContaining(['2026-11-25', '2026-11-27']));
    expect(await datesOf('AAPL')).not.toContain('2026-11-26');

    const before = await storedHistory(first, 'NIFTY');
    expect(await backfillSimulatedHistory(first, { products: [nifty, aapl], seed: 1, now })).toEqual([
      { product: 'NIFTY', days: 0 },
      { product: 'AAPL', days: 0 },
    ]);
    expect(await storedHistory(first, 'NIFTY')).toEqual(before);
  });

  it('gives identical rows for the same seed and other rows for another seed', async () => {
    const same = await database([nifty]);
    const other = await database([nifty]);
    await backfillSimulatedHistory(same, { products: [nifty], seed: 1, now });
    await backfillSimulatedHistory(other, { products: [nifty], seed: 2, now });
    const reference = await storedHistory(first, 'NIFTY');
    expect(await storedHistory(same, 'NIFTY')).toEqual(reference);
    const different = await storedHistory(other, 'NIFTY');
    expect(different.iv.map((p) => p.date)).toEqual(reference.iv.map((p) => p.date));
    expect(different.iv.map((p) => p.iv_30d)).not.toEqual(reference.iv.map((p) => p.iv_30d));
    expect(different.candles.map((c) => c.close)).not.toEqual(reference.candles.map((c) => c.close));
  });

  it('gives IV rank, IV percentile and realised volatility a year to work with', async () => {
    const today = '2026-12-04';
    const history = await getIvLookback(first, { product: 'NIFTY', beforeDate: today });
    const yesterday = await getLatestDailyIvPoint(first, 'NIFTY');
    expect(history).toHaveLength(tradingDates('2025-12-04', '2026-12-03', nifty.holidays).length);
    const rank = ivRankAndPercentile(history.slice(0, -1), yesterday!.iv_30d!);
    expect(IvRankSchema.parse(rank)).toEqual(rank);
    expect(rank.reason).toBeNull();
    expect(rank.iv_rank).toBeGreaterThanOrEqual(0);
    expect(rank.iv_rank).toBeLessThanOrEqual(100);
    expect(rank.high_iv).toBeGreaterThan(rank.low_iv);

    const candles = await getDailyCandles(first, { product: 'NIFTY', limit: 61 });
    const realised = latestRealisedVol(candles, { timeZone: nifty.time_zone });
    expect(realised.map((point) => point.window_days)).toEqual([10, 20, 60]);
    for (const point of realised) {
      expect(point.date).toBe(yesterday!.date);
      expect(point.close_to_close).toBeGreaterThan(0.02);
      expect(point.close_to_close).toBeLessThan(0.6);
    }
  });

  it('ends at the latest stored price and leaves a product with daily history alone', async () => {
    const db = await database([nifty, aapl]);
    await insertTicks(db, [
      { type: 'UNDERLYING', product: 'NIFTY', tick_id: 1, timestamp: now.toISOString(), price: 22_012.35 },
    ]);
    await upsertIvPoints(db, {
      daily: [
        {
          product: 'AAPL',
          date: '2026-12-03',
          observed_at: '2026-12-03T21:00:00.000Z',
          iv_30d: 0.3,
          atm_iv: 0.31,
          near_expiry: '2026-12-04',
          source: 'live',
        },
      ],
    });
    const outcomes = await backfillSimulatedHistory(db, { products: [nifty, aapl], seed: 1, now });
    expect(outcomes.map(({ product, days }) => [product, days > 0])).toEqual([
      ['NIFTY', true],
      ['AAPL', false],
    ]);
    expect((await getDailyCandles(db, { product: 'NIFTY', limit: 1 }))[0]?.close).toBe(22_012.35);
    expect(await getDailyIvPoints(db, { product: 'AAPL', limit: LIMIT })).toHaveLength(1);
  });

  it('runs in the database preparation of every start, once', async () => {
    const test = await createTestDatabase();
    databases.push(test);
    const dir = mkdtempSync(join(tmpdir(), 'ds-history-'));
    const catalogue = join(dir, 'products.json');
    writeFileSync(catalogue, JSON.stringify({ products: [nifty] }));
    const { ADMIN_EMAIL: _email, ADMIN_PASSWORD: _password, ...inherited } = process.env;
    const env = {
      ...inherited,
      DATABASE_URL: test.url,
      PRODUCT_CATALOGUE: catalogue,
      SEED_DEMO_USER: 'false',
    };
    const script = join(import.meta.dirname, 'prepare-database.ts');
    const prepare = async () =>
      (await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env })).stdout;
    expect(await prepare()).toContain('a year of simulated history for NIFTY');
    const stored = await storedHistory(test.db, 'NIFTY');
    expect(stored.iv.length).toBeGreaterThan(240);
    expect(await prepare()).not.toContain('simulated history');
    expect(await storedHistory(test.db, 'NIFTY')).toEqual(stored);
  });
});
