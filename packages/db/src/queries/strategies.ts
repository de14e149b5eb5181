import type { Strategy } from '@deltastream/core/strategy';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { savedStrategies, users } from '../schema';

export type SavedStrategy = typeof savedStrategies.$inferSelect;

/**
 * Saves a strategy for its user unless they already hold `maxPerUser` (then null). The user's row is
 * locked while their strategies are counted, so concurrent saves cannot both take the last place; the
 * count and the insert are one transaction, so a refused save writes nothing.
 */
export async function createSavedStrategyWithinLimit(
  db: Db,
  input: { userId: string; name: string; strategy: Strategy },
  maxPerUser: number,
): Promise<SavedStrategy | null> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    const [held] = await tx
      .select({ strategies: count() })
      .from(savedStrategies)
      .where(eq(savedStrategies.userId, input.userId));
    if ((held?.strategies ?? 0) >= maxPerUser) return null;
    const [saved] = await tx.insert(savedStrategies).values(input).returning();
    if (!saved) throw new Error('insert into saved_strategies returned no row');
    return saved;
  });
}

/** The user's strategies, newest first. */
export async function listSavedStrategies(db: Db, userId: string): Promise<SavedStrategy[]> {
  return db
    .select()
    .from(savedStrategies)
    .where(eq(savedStrategies.userId, userId))
    .orderBy(desc(savedStrategies.createdAt));
}

/** One of the user's strategies; null when it does not exist or belongs to someone else. */
export async function getSavedStrategy(
  db: Db,
  query: { userId: string; id: string },
): Promise<SavedStrategy | null> {
  const [saved] = await db
    .select()
    .from(savedStrategies)
    .where(and(eq(savedStrategies.id, query.id), eq(savedStrategies.userId, query.userId)));
  return saved ?? null;
}

/** Deletes one of the user's strategies; false when it does not exist or belongs to someone else. */
export async function deleteSavedStrategy(db: Db, query: { userId: string; id: string }): Promise<boolean> {
  const deleted = await db
    .delete(savedStrategies)
    .where(and(eq(savedStrategies.id, query.id), eq(savedStrategies.userId, query.userId)))
    .returning({ id: savedStrategies.id });
  return deleted.length > 0;
}
