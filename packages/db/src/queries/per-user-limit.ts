import { count, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { users } from '../schema';

/** What a user holds of one kind: the rows of `table` that `where` selects. */
export interface HeldRows {
  table: PgTable;
  where: SQL | undefined;
}

/**
 * `create`, unless the user already holds `max` of `held` (then null). The user's row is locked while
 * they are counted, so concurrent creates cannot both take the last place; the count and the insert are
 * one transaction, so a refused create writes nothing.
 */
export async function createWithinUserLimit<T>(
  db: Db,
  limit: { userId: string; max: number; held: HeldRows },
  create: (tx: Db) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, limit.userId)).for('update');
    const [held] = await tx.select({ rows: count() }).from(limit.held.table).where(limit.held.where);
    if ((held?.rows ?? 0) >= limit.max) return null;
    return create(tx);
  });
}
