import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { cacheAndPublishTicks, sessionOpenPrice } from '@deltastream/bus/cache';
import { CHANNELS } from '@deltastream/bus/channels';
import { TickBatchJobSchema } from '@deltastream/bus/queues';
import { candleBucketStartMs } from '@deltastream/core/analytics';
import { zonedDate } from '@deltastream/core/calendar';
import type { EnrichedUnderlying, Product, UnderlyingTick } from '@deltastream/core/schemas';
import { STORED_CANDLE_SECONDS, type TickCandles } from '@deltastream/db/queries';
import type { TickWriter } from './writers';
import { enrichUnderlying } from './enrich-underlying';
import { parseJobData } from './job-errors';

export interface TickProcessorDeps {
  redis: Redis;
  tickWriter: TickWriter;
  products: ReadonlyMap<string, Product>;
  now: () => Date;
  /**
   * Session opening prices this process has already agreed with Redis, by `product|date`. The first
   * price of a day never changes once set, so each process asks Redis once per product and day.
   */
  sessionOpens: Map<string, number>;
}

/** Keeps at most a few days of products' opens; older days are never asked for again. */
const MAX_SESSION_OPENS = 1_000;

function rememberSessionOpen(opens: Map<string, number>, key: string, price: number): void {
  opens.set(key, price);
  if (opens.size > MAX_SESSION_OPENS) opens.delete(opens.keys().next().value as string);
}

/** 1-minute candles aligned to each product's own exchange clock. */
export function storedCandles(products: ReadonlyMap<string, Product>): TickCandles {
  return {
    intervalSeconds: STORED_CANDLE_SECONDS,
    bucketStart: (tick) =>
      new Date(
        candleBucketStartMs(
          tick.timestamp,
          STORED_CANDLE_SECONDS,
          products.get(tick.product)?.time_zone ?? 'UTC',
        ),
      ).toISOString(),
  };
}

/**
 * validate → persist (ticks and their 1-minute candles in one statement, so a crash can never store
 * one without the other) → enrich against the session open → cache → publish. Only ticks this job
 * inserted move candles and produce events: a retry has no second effect. Returns the batch's ticks
 * (stored now or before) for what follows them (alerts).
 */
export async function processTicks(
  deps: TickProcessorDeps,
  data: unknown,
): Promise<{ inserted: number; ticks: UnderlyingTick[] }> {
  const { ticks } = parseJobData(TickBatchJobSchema, data);
  const symbol = (ticks[0] as UnderlyingTick).product;
  const product = deps.products.get(symbol);
  if (!product) throw new UnrecoverableError(`ticks.0.product: unknown product ${symbol}`);

  const inserted = await deps.tickWriter.write(ticks);
  if (inserted.length === 0) return { inserted: 0, ticks };

  const processedAt = deps.now().toISOString();
  const enriched: EnrichedUnderlying[] = [];
  for (const tick of inserted) {
    const date = zonedDate(Date.parse(tick.timestamp), product.time_zone);
    const key = `${symbol}|${date}`;
    let open = deps.sessionOpens.get(key);
    if (open === undefined) {
      open = await sessionOpenPrice(deps.redis, symbol, date, tick.price);
      rememberSessionOpen(deps.sessionOpens, key, open);
    }
    enriched.push(enrichUnderlying(tick, open, processedAt));
  }
  await cacheAndPublishTicks(deps.redis, enriched, CHANNELS.enrichedUnderlying);
  return { inserted: inserted.length, ticks };
}
