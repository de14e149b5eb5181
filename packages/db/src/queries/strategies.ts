import type { Strategy } from '@deltastream/core/strategy';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { savedStrategies } from '../schema';
import { insertedRow } from './inserted-row';
import { createWithinUserLimit } from './per-user-limit';

export type SavedStrategy = typeof savedStrategies.$inferSelect;

/** Saves a strategy for its user unless they already hold `maxPerUser` (then null). */
export async function createSavedStrategyWithinLimit(
  db: Db,
  input: { userId: string; name: string; strategy: Strategy },
  maxPerUser: number,
): Promise<SavedStrategy | null> {
  const held = { table: savedStrategies, where: eq(savedStrategies.userId, input.userId) };
  return createWithinUserLimit(db, { userId: input.userId, max: maxPerUser, held }, async (tx) =>
    insertedRow(await tx.insert(savedStrategies).values(input).returning(), savedStrategies),
  );
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
