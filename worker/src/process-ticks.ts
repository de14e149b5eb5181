import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { cacheLatestUnderlying, sessionOpenPrice } from '@deltastream/bus/cache';
import { CHANNELS, publish } from '@deltastream/bus/channels';
import { TickBatchJobSchema } from '@deltastream/bus/queues';
import { buildCandles } from '@deltastream/core/analytics';
import { zonedDate } from '@deltastream/core/calendar';
import type { EnrichedUnderlying, Product, UnderlyingTick } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { insertTicks, upsertCandles } from '@deltastream/db/queries';
import { enrichUnderlying } from './enrich-underlying';
import { parseJobData } from './job-errors';

export interface TickProcessorDeps {
  db: Db;
  redis: Redis;
  products: ReadonlyMap<string, Product>;
  now: () => Date;
}

/** Candles kept in PostgreSQL as ticks arrive; other intervals are aggregated at read time. */
export const STORED_CANDLE_SECONDS = 60;

/**
 * validate → persist (ticks and their 1-minute candles in one transaction, so a crash can never store
 * one without the other) → enrich against the session open → cache → publish. Only ticks this job
 * inserted move candles and produce events: a retry has no second effect.
 */
export async function processTicks(deps: TickProcessorDeps, data: unknown): Promise<{ inserted: number }> {
  const { ticks } = parseJobData(TickBatchJobSchema, data);
  const symbol = (ticks[0] as UnderlyingTick).product;
  const product = deps.products.get(symbol);
  if (!product) throw new UnrecoverableError(`ticks.0.product: unknown product ${symbol}`);

  const inserted = await deps.db.transaction(async (tx) => {
    const fresh = await insertTicks(tx, ticks);
    const candles = buildCandles(fresh, {
      product: symbol,
      intervalSeconds: STORED_CANDLE_SECONDS,
      timeZone: product.time_zone,
    });
    await upsertCandles(tx, candles);
    return fresh;
  });
  if (inserted.length === 0) return { inserted: 0 };

  const processedAt = deps.now().toISOString();
  const opens = new Map<string, number>();
  const enriched: EnrichedUnderlying[] = [];
  for (const tick of inserted) {
    const date = zonedDate(Date.parse(tick.timestamp), product.time_zone);
    let open = opens.get(date);
    if (open === undefined) {
      open = await sessionOpenPrice(deps.redis, symbol, date, tick.price);
      opens.set(date, open);
    }
    enriched.push(enrichUnderlying(tick, open, processedAt));
  }
  const latest = enriched.reduce((a, b) => (b.tick_id > a.tick_id ? b : a));
  await cacheLatestUnderlying(deps.redis, latest);
  await Promise.all(enriched.map((tick) => publish(deps.redis, CHANNELS.enrichedUnderlying, tick)));
  return { inserted: inserted.length };
}
