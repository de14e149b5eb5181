/**
 * A year of simulated daily history for products that have none, so IV rank, IV percentile and realised
 * volatility have something to look back over from the first start (packages/simulator/src/daily-history.ts
 * says how it is simulated). Every row is marked `source = 'simulated'`; live points replace simulated
 * ones of the same date, and the backfill never overwrites a live row.
 */
import { addCalendarDays, zonedDate } from '@deltastream/core/calendar';
import type { Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import {
  getLatestTick,
  hasDailyIvHistory,
  insertDailyCandles,
  upsertIvPoints,
} from '@deltastream/db/queries';
import { simulateDailyHistory } from '@deltastream/simulator/history';

/** The history a backfill covers: this many calendar days before today, today excluded. */
export const SIMULATED_HISTORY_CALENDAR_DAYS = 365;

export interface BackfillOutcome {
  product: string;
  /** Trading days written; 0 when the product already had daily IV history and was left alone. */
  days: number;
}

/**
 * For each product whose daily IV series is empty, simulates the trading days of the last
 * SIMULATED_HISTORY_CALENDAR_DAYS calendar days before today (on the product's own calendar, from
 * `now`) with `seed` and stores their IV points and candles in one transaction. The history ends at the
 * product's latest stored price, or its catalogue price when nothing is stored: where the live market
 * continues. Same seed, same day and same stored price give identical rows; running it again adds
 * nothing, since every product then has history.
 */
export async function backfillSimulatedHistory(
  db: Db,
  options: { products: readonly Product[]; seed: number; now?: Date },
): Promise<BackfillOutcome[]> {
  const now = options.now ?? new Date();
  const outcomes: BackfillOutcome[] = [];
  for (const product of options.products) {
    if (await hasDailyIvHistory(db, product.symbol)) {
      outcomes.push({ product: product.symbol, days: 0 });
      continue;
    }
    const today = zonedDate(now.getTime(), product.time_zone);
    const days = simulateDailyHistory({
      product,
      seed: options.seed,
      fromDate: addCalendarDays(today, -SIMULATED_HISTORY_CALENDAR_DAYS),
      throughDate: addCalendarDays(today, -1),
      closeSpot: (await getLatestTick(db, product.symbol))?.price ?? product.base_price,
    });
    await db.transaction(async (tx) => {
      await upsertIvPoints(tx, {
        daily: days.map((day) => ({ ...day.iv, product: product.symbol, observed_at: day.close_at })),
      });
      await insertDailyCandles(
        tx,
        days.map(({ date, open, high, low, close }) => ({
          product: product.symbol,
          date,
          open,
          high,
          low,
          close,
          volume: 0,
          source: 'simulated',
        })),
      );
    });
    outcomes.push({ product: product.symbol, days: days.length });
  }
  return outcomes;
}
