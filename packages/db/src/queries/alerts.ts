import type { AlertCondition, AlertState, FiredAlert } from '@deltastream/core/alerts';
import { and, count, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { alertFirings, alerts } from '../schema';

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

/** One alert as the worker sees it, active or not; null once deleted. */
export async function getAlertState(db: Db, id: string): Promise<(ActiveAlert & { active: boolean }) | null> {
  const [row] = await db
    .select({ ...activeAlertColumns, active: alerts.active })
    .from(alerts)
    .where(eq(alerts.id, id));
  return row ?? null;
}

/**
 * The alert is active, still in the state the caller evaluated it from, and that state was set by an
 * older observation than this one. The last clause is what makes replicas safe: two workers may evaluate
 * a product's chains in any order, but a state change only ever moves forward in data time, so a stale
 * value cannot re-arm an alert (or move its reference) after a newer one changed it, and the same
 * observation applied twice (a retried job, a second replica) changes nothing the second time.
 */
function stillAsEvaluated(id: string, expected: AlertState, dataTs: Date): SQL {
  return and(
    eq(alerts.id, id),
    eq(alerts.active, true),
    eq(alerts.armed, expected.armed),
    expected.reference === null ? isNull(alerts.reference) : eq(alerts.reference, expected.reference),
    or(isNull(alerts.stateDataTs), lt(alerts.stateDataTs, dataTs)),
  )!;
}

export interface StateChange {
  alertId: string;
  /** The state the outcome was evaluated from. */
  expected: AlertState;
  next: AlertState;
  /** The timestamp of the tick or chain evaluated. */
  dataTs: Date;
}

/**
 * A re-arm or a new reference: applied only if the alert is still as evaluated (stillAsEvaluated).
 * True when this call changed it.
 */
export async function updateAlertState(db: Db, change: StateChange): Promise<boolean> {
  const updated = await db
    .update(alerts)
    .set({ armed: change.next.armed, reference: change.next.reference, stateDataTs: change.dataTs })
    .where(stillAsEvaluated(change.alertId, change.expected, change.dataTs))
    .returning({ id: alerts.id });
  return updated.length > 0;
}

export interface Firing extends StateChange {
  /** The chain's expiry the value was read from; null for spot. */
  expiry: string | null;
  value: number;
  message: string;
  firedAt: Date;
}

/**
 * Records a firing if this caller wins it, in one statement (so atomically, and in one round trip): the
 * conditional UPDATE (the alert is still as evaluated, see stillAsEvaluated) takes the alert to its next
 * state, and feeds the history row's INSERT, unique per (alert, data timestamp). Returns the firing as
 * the history and the socket event carry it, with its owner, or null when another caller (a replica, an
 * earlier run of the job) already changed the alert, or it was paused or deleted meanwhile.
 */
export async function recordAlertFiring(
  db: Db,
  firing: Firing,
): Promise<{ userId: string; alert: FiredAlert } | null> {
  // Drizzle embeds a query in parentheses: `with won as (update … returning …)`.
  const won = db
    .update(alerts)
    .set({
      armed: firing.next.armed,
      reference: firing.next.reference,
      stateDataTs: firing.dataTs,
      lastFiredAt: firing.firedAt,
    })
    .where(stillAsEvaluated(firing.alertId, firing.expected, firing.dataTs))
    .returning({
      userId: alerts.userId,
      product: alerts.product,
      condition: alerts.condition,
      note: alerts.note,
    });
  const [row] = await db.execute<{
    id: string;
    user_id: string;
    product: string;
    condition: AlertCondition;
    note: string;
  }>(sql`
    with won as ${won}
    insert into ${alertFirings} (alert_id, user_id, product, expiry, condition, note, value, message, data_ts, fired_at)
    select ${firing.alertId}::uuid, won.user_id, won.product, ${firing.expiry}::date, won.condition, won.note,
      ${firing.value}::double precision, ${firing.message}, ${firing.dataTs.toISOString()}::timestamptz,
      ${firing.firedAt.toISOString()}::timestamptz
    from won
    on conflict do nothing
    returning id, user_id, product, condition, note
  `);
  if (!row) return null;
  return {
    userId: row.user_id,
    alert: {
      id: String(row.id),
      alert_id: firing.alertId,
      product: row.product,
      expiry: firing.expiry,
      condition: row.condition,
      note: row.note,
      value: firing.value,
      message: firing.message,
      data_timestamp: firing.dataTs.toISOString(),
      fired_at: firing.firedAt.toISOString(),
    },
  };
}

type FiringRow = typeof alertFirings.$inferSelect;

function toFiredAlert(row: FiringRow): FiredAlert {
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
