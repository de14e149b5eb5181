import type { Redis } from 'ioredis';
import { getCachedExpiries } from '@deltastream/bus/cache';
import type { Logger } from '@deltastream/bus/logger';
import type { AlertState, AlertStateChanges } from '@deltastream/core/alerts';
import { NearestExpiries, zonedDate } from '@deltastream/core/calendar';
import type { Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import {
  getAlertBookVersion,
  getAlertStates,
  listActiveAlerts,
  type ActiveAlert,
} from '@deltastream/db/queries';
import { createRefreshingCache } from './refreshing-cache';

/** How stale this process's copy of a product's alerts may be: a new or paused alert counts after this. */
export const ACTIVE_ALERTS_MAX_AGE_MS = 1_000;

/**
 * An alert as this process holds it. `armed`, `reference` and `stateMs` are its copy of the stored state,
 * updated when it wins a change and re-read when it loses one; the stored row is the arbiter.
 */
export interface HeldAlert extends AlertState {
  id: string;
  userId: string;
  product: string;
  expiry: string | null;
  condition: ActiveAlert['condition'];
  note: string;
  /** The data time (ms) of the observation that set the state; -Infinity before any. */
  stateMs: number;
}

/** A product's active alerts, grouped by what feeds them. */
export interface ProductAlerts {
  /** Spot conditions: evaluated on ticks. */
  spot: HeldAlert[];
  /** Chain conditions of one expiry, by expiry. */
  byExpiry: Map<string, HeldAlert[]>;
  /** Chain conditions without an expiry: evaluated on the chains of the nearest live expiry. */
  nearest: HeldAlert[];
  byId: Map<string, HeldAlert>;
  /** The product's alert book version read before these alerts were (getAlertBookVersion). */
  version: number;
}

export function heldAlert(row: ActiveAlert): HeldAlert {
  return {
    id: row.id,
    userId: row.userId,
    product: row.product,
    expiry: row.expiry,
    condition: row.condition,
    note: row.note,
    armed: row.armed,
    reference: row.reference,
    stateMs: row.stateDataTs?.getTime() ?? -Infinity,
  };
}

/**
 * Groups a product's alerts as read. An alert whose state this process has seen change after the read
 * began (its `previous` copy is newer) keeps that newer state.
 */
export function groupAlerts(
  rows: readonly ActiveAlert[],
  version: number,
  previous?: ProductAlerts,
): ProductAlerts {
  const grouped: ProductAlerts = { spot: [], byExpiry: new Map(), nearest: [], byId: new Map(), version };
  for (const row of rows) {
    const alert = heldAlert(row);
    const held = previous?.byId.get(alert.id);
    if (held && held.stateMs > alert.stateMs && held.stateMs !== Infinity) {
      alert.armed = held.armed;
      alert.reference = held.reference;
      alert.stateMs = held.stateMs;
    }
    grouped.byId.set(alert.id, alert);
    if (alert.condition.metric === 'spot') grouped.spot.push(alert);
    else if (alert.expiry === null) grouped.nearest.push(alert);
    else {
      const list = grouped.byExpiry.get(alert.expiry);
      if (list) list.push(alert);
      else grouped.byExpiry.set(alert.expiry, [alert]);
    }
  }
  return grouped;
}

/**
 * The active alerts of each product: once a second per product and process, the product's alert book
 * version is read (one row), and the alerts themselves (one indexed query) only when it has moved since
 * they were last read — a book of thousands of alerts is not re-read every second while nobody edits
 * it; their states follow the changes this process wins and those other replicas announce. And the
 * nearest live expiry of each product as the gateway decides it (NearestExpiries): the expiries in the
 * cache's index, which holds every replica's chains (read at most once a second, and at once when this
 * process hears an expiry it did not know), and those of the chains this process hears, each chain
 * judged at its own timestamp.
 */
export function createActiveAlerts(deps: {
  db: Db;
  redis: Redis;
  products: ReadonlyMap<string, Product>;
  logger: Logger;
  nowMs?: () => number;
  maxAgeMs?: number;
}) {
  const nowMs = deps.nowMs ?? Date.now;
  const maxAgeMs = deps.maxAgeMs ?? ACTIVE_ALERTS_MAX_AGE_MS;
  const alerts = createRefreshingCache<ProductAlerts>({
    async load(symbol, previous) {
      // Read before the alerts: an edit committed in between moves the version past the one held.
      const version = await getAlertBookVersion(deps.db, symbol);
      if (previous?.version === version) return previous;
      return groupAlerts(await listActiveAlerts(deps.db, symbol), version, previous);
    },
    maxAgeMs,
    nowMs,
    onError: (product, error) =>
      deps.logger.warn({ err: error, product }, 'could not read the active alerts'),
  });
  const nearestExpiries = new NearestExpiries(deps.products);
  const heardExpiries = new Set<string>();
  const expiryIndex = createRefreshingCache<readonly string[]>({
    async load(symbol) {
      const product = deps.products.get(symbol);
      if (!product) return [];
      const expiries = await getCachedExpiries(deps.redis, symbol, zonedDate(nowMs(), product.time_zone));
      nearestExpiries.note(symbol, expiries, nowMs());
      return expiries;
    },
    maxAgeMs: ACTIVE_ALERTS_MAX_AGE_MS,
    nowMs,
    onError: (product, error) => deps.logger.warn({ err: error, product }, 'could not read the expiry index'),
  });

  return {
    forProduct: (product: string) => alerts.get(product),
    /** Records a chain of `expiry` heard at `atMs` and says whether it is of the product's nearest live expiry. */
    async isNearest(product: string, expiry: string, atMs: number): Promise<boolean> {
      const key = `${product}|${expiry}`;
      if (!heardExpiries.has(key)) {
        heardExpiries.add(key);
        expiryIndex.invalidate(product);
      }
      await expiryIndex.get(product);
      return nearestExpiries.isNearest(product, expiry, atMs);
    },
    /** Applies the state changes another replica won (CHANNELS.alertStateChanged), each when newer than the copy. */
    applyChanges(message: AlertStateChanges): void {
      const held = alerts.peek(message.product)?.byId;
      if (!held) return;
      const stateMs = Date.parse(message.state_data_ts);
      for (const change of message.changes) {
        const alert = held.get(change.alert_id);
        if (!alert || alert.stateMs >= stateMs) continue;
        alert.armed = change.armed;
        alert.reference = change.reference;
        alert.stateMs = stateMs;
      }
    },
    /**
     * Re-reads, in one query, the states of the alerts whose changes this process lost to another (a
     * replica, a retried job). A paused or deleted alert is left alone until the next read of its
     * product drops it.
     */
    async reread(lost: readonly HeldAlert[]): Promise<void> {
      const stored = await getAlertStates(
        deps.db,
        lost.map((alert) => alert.id),
      );
      for (const alert of lost) {
        const state = stored.get(alert.id);
        if (!state || !state.active) {
          alert.stateMs = Infinity;
          continue;
        }
        alert.armed = state.armed;
        alert.reference = state.reference;
        alert.stateMs = state.stateDataTs?.getTime() ?? -Infinity;
      }
    },
  };
}
export type ActiveAlerts = ReturnType<typeof createActiveAlerts>;
