import type { UnderlyingTick } from '@deltastream/core/schemas';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { underlyingTicks } from '../schema';
import { inTimeRange, type TimeRange } from './time-range';
import { insertFromUnnest } from './unnest';

type TickRow = typeof underlyingTicks.$inferSelect;

function toTick(row: TickRow): UnderlyingTick {
  return {
    type: 'UNDERLYING',
    product: row.product,
    tick_id: row.tickId,
    timestamp: row.ts.toISOString(),
    price: row.price,
    ...(row.volume === null ? {} : { volume: row.volume }),
  };
}

const tickKey = (product: string, tickId: number | string) => `${product}\u0000${tickId}`;

/**
 * Inserts a batch in one statement and returns the ticks that were new (in input order, each key once).
 * Ticks already stored, or repeated in the batch, are skipped: a retried job inserts nothing, so the caller
 * publishes events and merges candles only for what this returns.
 */
export async function insertTicks(db: Db, ticks: readonly UnderlyingTick[]): Promise<UnderlyingTick[]> {
  if (ticks.length === 0) return [];
  const inserted = await db.execute<{ product: string; tick_id: string }>(sql`
    ${insertFromUnnest(underlyingTicks, [
      [underlyingTicks.product, ticks.map((t) => t.product)],
      [underlyingTicks.tickId, ticks.map((t) => t.tick_id)],
      [underlyingTicks.ts, ticks.map((t) => t.timestamp)],
      [underlyingTicks.price, ticks.map((t) => t.price)],
      [underlyingTicks.volume, ticks.map((t) => t.volume ?? null)],
    ])}
    on conflict do nothing
    returning ${underlyingTicks.product}, ${underlyingTicks.tickId}`);
  const insertedKeys = new Set(inserted.map((row) => tickKey(row.product, row.tick_id)));
  // Deleting as we go hands back the first of any ticks repeated within the batch, and only that one.
  return ticks.filter((t) => insertedKeys.delete(tickKey(t.product, t.tick_id)));
}

export async function getLatestTick(db: Db, product: string): Promise<UnderlyingTick | null> {
  const [row] = await db
    .select()
    .from(underlyingTicks)
    .where(eq(underlyingTicks.product, product))
    .orderBy(desc(underlyingTicks.ts))
    .limit(1);
  return row ? toTick(row) : null;
}

/** Ticks of one product in [start, end), newest first. */
export async function getTicks(
  db: Db,
  query: { product: string; limit: number } & TimeRange,
): Promise<UnderlyingTick[]> {
  const rows = await db
    .select()
    .from(underlyingTicks)
    .where(and(eq(underlyingTicks.product, query.product), ...inTimeRange(underlyingTicks.ts, query)))
    .orderBy(desc(underlyingTicks.ts))
    .limit(query.limit);
  return rows.map(toTick);
}
