import type { AlertCondition } from '@deltastream/core/alerts';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alerts } from '../schema';
import { deleteUsersRow, getUsersRow, insertWithinUserLimit, listUsersRows, usersRow } from './user-rows';

/**
 * What users do with their alerts (the REST API): define, list, pause/resume, delete. The worker's side
 * (evaluation, firing) and the history of firings (listAlertFirings) are in alerts.ts.
 */

export type StoredAlert = typeof alerts.$inferSelect;

export interface NewAlert {
  userId: string;
  product: string;
  expiry: string | null;
  condition: AlertCondition;
  note: string;
  /** max_pain_shift: the max-pain strike when the alert is armed; null for other metrics (or no chain yet). */
  reference: number | null;
}

/** Creates an alert for its user unless they already hold `maxPerUser` (then null). */
export async function createAlertWithinLimit(
  db: Db,
  input: NewAlert,
  maxPerUser: number,
): Promise<StoredAlert | null> {
  return insertWithinUserLimit(db, alerts, input, maxPerUser);
}

/** The user's alerts, newest first. */
export async function listAlerts(db: Db, userId: string): Promise<StoredAlert[]> {
  return listUsersRows(db, alerts, userId);
}

/** One of the user's alerts; null when it does not exist or belongs to someone else. */
export async function getAlert(db: Db, query: { userId: string; id: string }): Promise<StoredAlert | null> {
  return getUsersRow(db, alerts, query);
}

export interface AlertChange {
  active?: boolean;
  note?: string;
  /**
   * Where a re-armed max_pain_shift alert measures from (the max-pain strike now). Used only when the
   * update turns a paused alert active again.
   */
  rearmReference?: number | null;
}

/**
 * Changes one of the user's alerts; null when it does not exist or belongs to someone else. Turning a
 * paused alert active re-arms it (and takes `rearmReference` as its reference), so it fires on the next
 * time the condition holds; `active: true` on an alert that is already active changes nothing of its
 * state, so the worker's disarmed-until-it-crosses-back is kept. The decision is read from the row being
 * updated (SET sees the old values), so it holds against a concurrent pause.
 */
export async function updateAlert(
  db: Db,
  query: { userId: string; id: string },
  change: AlertChange,
): Promise<StoredAlert | null> {
  const reactivating = change.active === true;
  const [updated] = await db
    .update(alerts)
    .set({
      ...(change.note === undefined ? {} : { note: change.note }),
      ...(change.active === undefined ? {} : { active: change.active }),
      ...(reactivating
        ? {
            armed: sql`CASE WHEN ${alerts.active} THEN ${alerts.armed} ELSE true END`,
            reference: sql`CASE WHEN ${alerts.active} THEN ${alerts.reference} ELSE ${change.rearmReference ?? null}::float8 END`,
          }
        : {}),
    })
    .where(usersRow(alerts, query))
    .returning();
  return updated ?? null;
}

/** Deletes one of the user's alerts (its firings go with it); false when it is not theirs. */
export async function deleteAlert(db: Db, query: { userId: string; id: string }): Promise<boolean> {
  return deleteUsersRow(db, alerts, query);
}
