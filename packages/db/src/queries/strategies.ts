import type { Strategy } from '@deltastream/core/strategy';
import type { Db } from '../client';
import { savedStrategies } from '../schema';
import { deleteUsersRow, getUsersRow, insertWithinUserLimit, listUsersRows } from './user-rows';

export type SavedStrategy = typeof savedStrategies.$inferSelect;

/** Saves a strategy for its user unless they already hold `maxPerUser` (then null). */
export async function createSavedStrategyWithinLimit(
  db: Db,
  input: { userId: string; name: string; strategy: Strategy },
  maxPerUser: number,
): Promise<SavedStrategy | null> {
  return insertWithinUserLimit(db, savedStrategies, input, maxPerUser);
}

/** The user's strategies, newest first. */
export async function listSavedStrategies(db: Db, userId: string): Promise<SavedStrategy[]> {
  return listUsersRows(db, savedStrategies, userId);
}

/** One of the user's strategies; null when it does not exist or belongs to someone else. */
export async function getSavedStrategy(
  db: Db,
  query: { userId: string; id: string },
): Promise<SavedStrategy | null> {
  return getUsersRow(db, savedStrategies, query);
}

/** Deletes one of the user's strategies; false when it does not exist or belongs to someone else. */
export async function deleteSavedStrategy(db: Db, query: { userId: string; id: string }): Promise<boolean> {
  return deleteUsersRow(db, savedStrategies, query);
}
