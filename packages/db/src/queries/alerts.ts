import type { AlertCondition, AlertState, FiredAlert } from '@deltastream/core/alerts';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alertBookVersions, alertFirings, alerts } from '../schema';
import { arrayLiteral, type ArrayElement } from './unnest';

/** An active alert with the state the worker evaluates it from. */
export interface ActiveAlert {
  id: string;
  userId: string;
  product: string;
  expiry: string | null;
  condition: AlertCondition;
  note: string;
  armed: boolean;
  reference: number | null;
  /** The data timestamp of the observation that last changed the state (see the column). */
  stateDataTs: Date | null;
}

const activeAlertColumns = {
  id: alerts.id,
  userId: alerts.userId,
  product: alerts.product,
  expiry: alerts.expiry,
  condition: alerts.condition,
  note: alerts.note,
  armed: alerts.armed,
  reference: alerts.reference,
  stateDataTs: alerts.stateDataTs,
};

/** Stores alerts as given (armed, no reference); returns their ids in order. */
export async function insertAlerts(
  db: Db,
  rows: readonly {
    userId: string;
    product: string;
    expiry?: string | null;
    condition: AlertCondition;
    note?: string;
    active?: boolean;
  }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(alerts)
    .values([...rows])
    .returning({ id: alerts.id });
  return inserted.map((row) => row.id);
}

/** The active alerts of a product, the set the worker evaluates (partial index `alerts_active_product_idx`). */
export async function listActiveAlerts(db: Db, product: string): Promise<ActiveAlert[]> {
  return db
    .select(activeAlertColumns)
    .from(alerts)
    .where(and(eq(alerts.product, product), eq(alerts.active, true)));
}

/**
 * The product's alert book version (alert_book_versions): it changes whenever the product's alerts are
 * created, deleted, paused, resumed or edited, so listActiveAlerts need only be read again when it has.
 * 0 before any alert of the product was ever stored.
 */
export async function getAlertBookVersion(db: Db, product: string): Promise<number> {
  const [row] = await db
    .select({ version: alertBookVersions.version })
    .from(alertBookVersions)
    .where(eq(alertBookVersions.product, product));
  return row?.version ?? 0;
}

/** Alerts as the worker sees them, active or not, by id, in one query; a deleted one is absent. */
export async function getAlertStates(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, ActiveAlert & { active: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ ...activeAlertColumns, active: alerts.active })
    .from(alerts)
    .where(inArray(alerts.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

export interface StateChange {
  alertId: string;
  /** The state the outcome was evaluated from. */
  expected: AlertState;
  next: AlertState;
  /** The timestamp of the tick or chain evaluated. */
  dataTs: Date;
}

/** What a firing adds to its state change: the history row. */
export interface FiringRecord {
  /** The chain's expiry the value was read from; null for spot. */
  expiry: string | null;
  value: number;
  message: string;
  firedAt: Date;
}

/** A re-arm or a new reference (`firing` null), or a firing. */
export interface AlertTransition extends StateChange {
  firing: FiringRecord | null;
}

/**
 * `won`: this call changed the alert. `fired`: for a firing won, the firing as the history and the socket
 * event carry it, with its owner.
 */
export interface AppliedTransition {
  won: boolean;
  fired: { userId: string; alert: FiredAlert } | null;
}

/**
 * Applies a batch of alert state changes in ONE statement (atomically, one round trip and one commit
 * however many alerts an observation moves), each only if its alert is still as evaluated:
 *
 * - the alert is active, still in the state the caller evaluated it from, and that state was set by an
 *   older observation than this one. The last clause is what makes replicas safe: two workers may
 *   evaluate a product's chains in any order, but a state change only ever moves forward in data time, so
 *   a stale value cannot re-arm an alert (or move its reference) after a newer one changed it, and the
 *   same observation applied twice (a retried job, a second replica) changes nothing the second time;
 * - the conditional UPDATE feeds the history's INSERT for the firings, unique per (alert, data
 *   timestamp), so a firing is recorded exactly when its state change is won.
 *
 * Returns one result per change, in order. One change per alert in a batch (an observation moves an
 * alert once).
 */
export async function applyAlertChanges(
  db: Db,
  changes: readonly AlertTransition[],
): Promise<AppliedTransition[]> {
  if (changes.length === 0) return [];
  const column = <T extends ArrayElement>(type: string, value: (change: AlertTransition) => T) =>
    sql`${arrayLiteral(changes.map(value))}::${sql.raw(type)}[]`;
  const rows = await db.execute<{
    position: string;
    user_id: string;
    product: string;
    condition: AlertCondition;
    note: string;
    firing_id: string | null;
  }>(sql`
    with change as (
      select * from unnest(
        ${column('uuid', (c) => c.alertId)},
        ${column('boolean', (c) => c.expected.armed)},
        ${column('double precision', (c) => c.expected.reference)},
        ${column('boolean', (c) => c.next.armed)},
        ${column('double precision', (c) => c.next.reference)},
        ${column('timestamptz', (c) => c.dataTs.toISOString())},
        ${column('date', (c) => c.firing?.expiry ?? null)},
        ${column('double precision', (c) => c.firing?.value ?? null)},
        ${column('text', (c) => c.firing?.message ?? null)},
        ${column('timestamptz', (c) => c.firing?.firedAt.toISOString() ?? null)}
      ) with ordinality as c(alert_id, expected_armed, expected_reference, next_armed, next_reference,
                             data_ts, expiry, value, message, fired_at, position)
    ),
    won as (
      update ${alerts} a
         set armed = c.next_armed, reference = c.next_reference, state_data_ts = c.data_ts,
             last_fired_at = coalesce(c.fired_at, a.last_fired_at)
        from change c
       where a.id = c.alert_id and a.active and a.armed = c.expected_armed
         and a.reference is not distinct from c.expected_reference
         and (a.state_data_ts is null or a.state_data_ts < c.data_ts)
      returning c.position, a.id, a.user_id, a.product, a.condition, a.note,
                c.expiry, c.value, c.message, c.data_ts, c.fired_at),
    fired as (
      insert into ${alertFirings} (alert_id, user_id, product, expiry, condition, note, value, message, data_ts, fired_at)
      select id, user_id, product, expiry, condition, note, value, message, data_ts, fired_at
        from won where fired_at is not null
      on conflict do nothing
      returning id, alert_id)
    select won.position, won.user_id, won.product, won.condition, won.note, fired.id as firing_id
      from won left join fired on fired.alert_id = won.id`);
  const results: AppliedTransition[] = changes.map(() => ({ won: false, fired: null }));
  for (const row of rows) {
    const index = Number(row.position) - 1;
    const change = changes[index]!;
    const firing = change.firing;
    if (firing === null) {
      results[index] = { won: true, fired: null };
      continue;
    }
    // A firing whose history row already existed (ON CONFLICT) is not won: it was recorded before.
    if (row.firing_id === null) continue;
    results[index] = {
      won: true,
      fired: {
        userId: row.user_id,
        alert: {
          id: String(row.firing_id),
          alert_id: change.alertId,
          product: row.product,
          expiry: firing.expiry,
          condition: row.condition,
          note: row.note,
          value: firing.value,
          message: firing.message,
          data_timestamp: change.dataTs.toISOString(),
          fired_at: firing.firedAt.toISOString(),
        },
      },
    };
  }
  return results;
}

type FiringRow = typeof alertFirings.$inferSelect;

export function toFiredAlert(row: FiringRow): FiredAlert {
  return {
    id: String(row.id),
    alert_id: row.alertId,
    product: row.product,
    expiry: row.expiry,
    condition: row.condition,
    note: row.note,
    value: row.value,
    message: row.message,
    data_timestamp: row.dataTs.toISOString(),
    fired_at: row.firedAt.toISOString(),
  };
}

/**
 * A user's alert history, newest first (by firing time, then id), at most `limit` firings; with
 * `before` (a firing id from an earlier page) only the firings after it in that order. A `before` that
 * is not one of the user's firings gives an empty page.
 */
export async function listAlertFirings(
  db: Db,
  query: { userId: string; limit: number; before?: string },
): Promise<FiredAlert[]> {
  const conditions = [eq(alertFirings.userId, query.userId)];
  if (query.before !== undefined) {
    const before = Number(query.before);
    if (!Number.isSafeInteger(before) || before < 1) return [];
    conditions.push(
      sql`(${alertFirings.firedAt}, ${alertFirings.id}) < (
        select c.fired_at, c.id from ${alertFirings} c where c.id = ${before} and c.user_id = ${query.userId}
      )`,
    );
  }
  const rows = await db
    .select()
    .from(alertFirings)
    .where(and(...conditions))
    .orderBy(desc(alertFirings.firedAt), desc(alertFirings.id))
    .limit(query.limit);
  return rows.map(toFiredAlert);
}

/** How many firings the history holds (benchmarks and operators). */
export async function countAlertFirings(db: Db): Promise<number> {
  const [row] = await db.select({ firings: count() }).from(alertFirings);
  return row?.firings ?? 0;
}
