import type { Redis } from 'ioredis';
import { CHANNELS, publish, subscribe } from '@deltastream/bus/channels';
import type { Logger } from '@deltastream/bus/logger';
import { QUEUES } from '@deltastream/bus/queues';
import type { WorkerMetrics } from '@deltastream/bus/worker-metrics';
import {
  alertMessage,
  chainObservation,
  evaluateAlert,
  type AlertObservation,
  type AlertOutcome,
} from '@deltastream/core/alerts';
import type { EnrichedChain, Product, UnderlyingTick } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { applyAlertChanges } from '@deltastream/db/queries';
import { createActiveAlerts, type HeldAlert } from './active-alerts';
import { createIvRanks } from './iv-ranks';

export interface AlertEvaluatorDeps {
  db: Db;
  redis: Redis;
  products: ReadonlyMap<string, Product>;
  logger: Logger;
  metrics: WorkerMetrics;
  now: () => Date;
  /** How stale this process's copy of a product's alerts may be (ACTIVE_ALERTS_MAX_AGE_MS). */
  activeAlertsMaxAgeMs?: number;
}

/**
 * Evaluates users' alerts on each tick batch and chain the worker has stored. Everything is decided in
 * memory from this process's copy of the alerts (active-alerts.ts); PostgreSQL is touched only when
 * alerts change state, through one conditional statement per observation (applyAlertChanges), which lets
 * exactly one caller win each change whatever the number of replicas and whatever order they see the
 * data in. Each firing won is published once on `CHANNELS.alertFired` for the gateway to send to its
 * owner, and the changes won, one message per observation, on `CHANNELS.alertStateChanged` for the
 * other replicas' copies.
 *
 * Called for stored and already-stored (retried) data alike: a retry evaluates again, and the writes
 * make the second evaluation change nothing, so alerts are evaluated at least once and fire at most once.
 * A failure (PostgreSQL, Redis) propagates, so the job is retried. One gap is accepted: a process that
 * dies between committing a firing and publishing it leaves the firing in the history unannounced.
 */
export function createAlertEvaluator(deps: AlertEvaluatorDeps) {
  const nowMs = () => deps.now().getTime();
  const active = createActiveAlerts({ ...deps, nowMs, maxAgeMs: deps.activeAlertsMaxAgeMs });
  const ivRanks = createIvRanks({ ...deps, nowMs });

  /**
   * One observation against a list of alerts: every state change it causes goes to PostgreSQL in one
   * conditional statement (applyAlertChanges); the changes won are announced, the alerts whose change
   * was lost are read again.
   */
  async function evaluate(
    alerts: readonly HeldAlert[],
    observation: AlertObservation,
    dataTs: Date,
    expiry: string | null,
  ): Promise<void> {
    const dataMs = dataTs.getTime();
    const moved: { alert: HeldAlert; outcome: Exclude<AlertOutcome, { kind: 'none' }> }[] = [];
    for (const alert of alerts) {
      // An observation no newer than the alert's state cannot change it (and the write would refuse).
      if (dataMs <= alert.stateMs) continue;
      const outcome = evaluateAlert(alert.condition, alert, observation);
      if (outcome.kind !== 'none') moved.push({ alert, outcome });
    }
    if (moved.length === 0) return;
    const firedAt = deps.now();
    const applied = await applyAlertChanges(
      deps.db,
      moved.map(({ alert, outcome }) => {
        const expected = { armed: alert.armed, reference: alert.reference };
        return {
          alertId: alert.id,
          expected,
          next: outcome.next,
          dataTs,
          firing:
            outcome.kind === 'fire'
              ? {
                  expiry,
                  value: outcome.value,
                  message: alertMessage(
                    alert.product,
                    expiry,
                    alert.condition,
                    outcome.value,
                    expected.reference,
                  ),
                  firedAt,
                }
              : null,
        };
      }),
    );
    const lost: HeldAlert[] = [];
    const won: HeldAlert[] = [];
    const firings: Promise<void>[] = [];
    moved.forEach(({ alert, outcome }, i) => {
      const { won: isWon, fired } = applied[i]!;
      if (!isWon) {
        lost.push(alert);
        return;
      }
      alert.armed = outcome.next.armed;
      alert.reference = outcome.next.reference;
      alert.stateMs = dataMs;
      won.push(alert);
      if (fired) {
        firings.push(publish(deps.redis, CHANNELS.alertFired, { user_id: fired.userId, alert: fired.alert }));
        deps.metrics.alertFirings.inc({ metric: alert.condition.metric });
      }
    });
    await Promise.all([
      ...firings,
      lost.length > 0 ? active.reread(lost) : undefined,
      won.length > 0
        ? publish(deps.redis, CHANNELS.alertStateChanged, {
            product: won[0]!.product,
            state_data_ts: dataTs.toISOString(),
            changes: won.map(({ id, armed, reference }) => ({ alert_id: id, armed, reference })),
          })
        : undefined,
    ]);
  }

  let subscriber: Redis | undefined;

  return {
    /**
     * Follows the state changes other replicas win, on a subscriber connection of its own. Without this a
     * replica's copy would lag by up to a read interval, and a replica that still held an alert as
     * disarmed after another re-armed it would miss the next crossing.
     */
    async start(): Promise<void> {
      subscriber = deps.redis.duplicate({
        maxRetriesPerRequest: null,
        connectionName: 'deltastream-subscriber',
      });
      await subscribe(
        subscriber,
        { [CHANNELS.alertStateChanged]: (changes) => active.applyChanges(changes) },
        (_, error) => deps.logger.warn({ err: error }, 'invalid alert state change'),
      );
    },
    stop(): void {
      subscriber?.disconnect();
      subscriber = undefined;
    },

    /** Spot alerts against a batch of one product's ticks, in time order. */
    async afterTicks(ticks: readonly UnderlyingTick[]): Promise<void> {
      const product = ticks[0]?.product;
      if (product === undefined) return;
      const { spot } = await active.forProduct(product);
      if (spot.length === 0) return;
      const started = performance.now();
      const ordered = [...ticks].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
      for (const tick of ordered) await evaluate(spot, { spot: tick.price }, new Date(tick.timestamp), null);
      deps.metrics.alertEvaluation.observe({ queue: QUEUES.ticks }, (performance.now() - started) / 1000);
    },

    /**
     * Chain alerts of the chain's expiry, and those without an expiry when the chain is of the product's
     * nearest live expiry. The chain's spot_price is not an observation: spot alerts follow ticks only.
     */
    async afterChain(chain: EnrichedChain): Promise<void> {
      const dataMs = Date.parse(chain.timestamp);
      const isNearest = await active.isNearest(chain.product, chain.expiry, dataMs);
      const alerts = await active.forProduct(chain.product);
      const ofExpiry = alerts.byExpiry.get(chain.expiry) ?? [];
      const watching = isNearest && alerts.nearest.length > 0 ? [...ofExpiry, ...alerts.nearest] : ofExpiry;
      if (watching.length === 0) return;
      const started = performance.now();
      const ivRank = watching.some((alert) => alert.condition.metric === 'iv_rank')
        ? await ivRanks.get(chain.product)
        : null;
      await evaluate(watching, chainObservation(chain, ivRank), new Date(dataMs), chain.expiry);
      deps.metrics.alertEvaluation.observe({ queue: QUEUES.chains }, (performance.now() - started) / 1000);
    },
  };
}
export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
