import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueChains, enqueueTicks } from '@deltastream/bus/queues';
import type { AlertCondition } from '@deltastream/core/alerts';
import type { OptionChain, UnderlyingTick } from '@deltastream/core/schemas';
import { flatVolChain } from '@deltastream/core/testing';
import { createUser, insertAlerts, listAlertFirings } from '@deltastream/db/queries';
import { createWorkerHarness, waitFor, type WorkerHarness } from '../testing/harness';

let h: WorkerHarness;
beforeEach(async () => {
  h = await createWorkerHarness();
});
afterEach(async () => {
  await h.close();
});

const DAY_MS = 86_400_000;
const startMs = Date.now() - 3_600_000;
const dateIn = (days: number) => new Date(startMs + days * DAY_MS).toISOString().slice(0, 10);
/** Two live expiries: alerts without an expiry follow the nearer. */
const nearExpiry = dateIn(20);
const farExpiry = dateIn(50);
const strikes = Array.from({ length: 11 }, (_, i) => 21_250 + 50 * i);
const at = (second: number) => new Date(startMs + second * 1000).toISOString();

/** A chain whose PCR (OI) is exactly `pcr`: every call has 1,000 contracts open, every put 1,000 × pcr. */
function chainAt(expiry: string, seq: number, pcr: number): OptionChain {
  return {
    ...flatVolChain(h.product, {
      expiry,
      timestamp: at(seq * 10 + (expiry === nearExpiry ? 1 : 2)),
      seq,
      // Above every spot level below: a chain's spot_price must never fire a spot alert.
      spot: 21_537,
      volatility: 0.16,
      strikes,
      oi: (_, type) => (type === 'PUT' ? Math.round(1_000 * pcr) : 1_000),
    }),
    prev_seq: seq > 1 ? seq - 1 : null,
  };
}
const tickAt = (tickId: number, price: number): UnderlyingTick => ({
  type: 'UNDERLYING',
  product: h.product.symbol,
  price,
  timestamp: at(tickId * 10),
  tick_id: tickId,
});

describe('alerts in the worker (two replicas, real Redis and PostgreSQL)', () => {
  it('fires once per crossing, records it and publishes it once, whichever replica sees the data', async ({
    annotate,
  }) => {
    const user = await createUser(h.database.db, {
      email: 'trader@example.com',
      passwordHash: 'x',
      name: 'T',
    });
    const userId = user!.id;
    const product = h.product.symbol;
    const conditions = {
      spot: { metric: 'spot', direction: 'above', level: 21_500 },
      nearPcr: { metric: 'pcr_oi', direction: 'above', level: 1.2 },
      farPcr: { metric: 'pcr_oi', direction: 'above', level: 1.5 },
      farPcrBelow: { metric: 'pcr_oi', direction: 'below', level: 1 },
    } satisfies Record<string, AlertCondition>;
    const [spotId, nearPcrId, farPcrId, farPcrBelowId] = await insertAlerts(h.database.db, [
      { userId, product, condition: conditions.spot, note: 'breakout' },
      { userId, product, expiry: null, condition: conditions.nearPcr },
      { userId, product, expiry: farExpiry, condition: conditions.farPcr },
      { userId, product, expiry: farExpiry, condition: conditions.farPcrBelow },
    ]);

    // Each replica reads the alerts once and keeps its copy for the whole test, so after the other
    // replica changes an alert its copy is stale: only the conditional writes keep the firings exact.
    const replicas = [0, 1].map(() =>
      h.startWorker({ activeAlertsMaxAgeMs: 600_000, predecessorWaitMs: 30_000 }),
    );
    for (const replica of replicas) await replica.start();

    let tickJobs = 0;
    let chainJobs = 0;
    const settled = () =>
      waitFor(
        async () =>
          (await h.queues.ticks.getCompletedCount()) === tickJobs &&
          (await h.queues.chains.getCompletedCount()) === chainJobs,
        30_000,
        `${tickJobs} tick and ${chainJobs} chain jobs`,
      );

    // Spot around 21,500 (band 0.1%: re-armed under 21,478.5); the near chain's PCR around 1.2 (band
    // 0.02: re-armed under 1.18); the far chain's PCR stays at 2. One step at a time, in order.
    const spots = [21_400, 21_510, 21_490, 21_520, 21_450, 21_505, 21_450];
    const nearPcrs = [0.9, 1.25, 1.19, 1.22, 1.15, 1.3, 1.3];
    for (let step = 0; step < spots.length; step += 1) {
      await enqueueTicks(h.queues, [tickAt(step + 1, spots[step]!)]);
      tickJobs += 1;
      // The near chain first, so every replica knows the nearer expiry before a far chain arrives.
      await enqueueChains(h.queues, [chainAt(nearExpiry, step + 1, nearPcrs[step]!)]);
      chainJobs += 1;
      await settled();
      await enqueueChains(h.queues, [chainAt(farExpiry, step + 1, 2)]);
      chainJobs += 1;
      await settled();
    }
    // Re-armed by the last step's 21,450: a burst of ticks above the level, all at once on both
    // replicas (eight jobs in flight), is one crossing.
    const burst = Array.from({ length: 40 }, (_, i) => tickAt(100 + i, 21_600 + i));
    await Promise.all(burst.map((tick) => enqueueTicks(h.queues, [tick])));
    tickJobs += burst.length;
    await settled();

    const jobsBy = async (app: (typeof replicas)[number]) =>
      (await app.metrics.jobs.get()).values.reduce((n, { value }) => n + value, 0);
    await annotate(`jobs by replica: ${await jobsBy(replicas[0]!)} and ${await jobsBy(replicas[1]!)}`);

    const history = await listAlertFirings(h.database.db, { userId, limit: 100 });
    const firedFor = (alertId: string | undefined) =>
      history.filter((firing) => firing.alert_id === alertId).map((firing) => firing.value);
    // Spot: 21,510 fires; 21,490 is within the band, so 21,520 does not; 21,450 re-arms, 21,505 fires;
    // 21,450 re-arms, and the burst fires once, on whichever of its ticks won.
    const spotFirings = firedFor(spotId).reverse();
    expect(spotFirings.slice(0, 2)).toEqual([21_510, 21_505]);
    expect(spotFirings).toHaveLength(3);
    expect(spotFirings[2]).toBeGreaterThanOrEqual(21_600);
    // The near expiry's PCR: 1.25 fires; 1.19 is within the band; 1.15 re-arms, 1.3 fires. The far
    // chains (PCR 2) are not its chains.
    expect(firedFor(nearPcrId).reverse()).toEqual([1.25, 1.3]);
    // The far expiry's alert fired on its first chain and never again; its "below 1" never.
    expect(firedFor(farPcrId)).toEqual([2]);
    expect(firedFor(farPcrBelowId)).toEqual([]);
    expect(history).toHaveLength(6);

    // One message per firing, to its owner, carrying the firing as recorded.
    await waitFor(() => h.events.alerts.length >= history.length, 5_000, 'the alert messages');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.events.alerts).toHaveLength(history.length);
    expect(new Set(h.events.alerts.map((message) => message.user_id))).toEqual(new Set([userId]));
    const byId = new Map(h.events.alerts.map((message) => [message.alert.id, message.alert]));
    for (const firing of history) expect(byId.get(firing.id)).toEqual(firing);
    const firstSpot = history.find((firing) => firing.alert_id === spotId && firing.value === 21_510);
    expect(firstSpot).toMatchObject({
      expiry: null,
      note: 'breakout',
      message: `${product} spot 21,510.00 crossed above 21,500`,
      data_timestamp: at(20),
    });
    expect(history.find((firing) => firing.alert_id === nearPcrId)).toMatchObject({
      expiry: nearExpiry,
      message: `${product} ${nearExpiry} PCR (OI) 1.30 crossed above 1.2`,
    });
    const fired = replicas.map(async (app) => (await app.metrics.alertFirings.get()).values);
    const counted = (await Promise.all(fired)).flat().reduce((n, { value }) => n + value, 0);
    expect(counted).toBe(history.length);
  }, 120_000);
});
