import {
  alertMessage,
  evaluateAlert,
  type AlertCondition,
  type AlertState,
  type FiredAlert,
} from '@deltastream/core/alerts';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../client';
import { alerts } from '../schema';
import { createTestUser, makeProduct } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { deleteAlert, updateAlert } from './alert-definitions';
import {
  countAlertFirings,
  getAlertBookVersion,
  getAlertStates,
  insertAlerts,
  listActiveAlerts,
  listAlertFirings,
  applyAlertChanges,
  type FiringRecord,
  type StateChange,
} from './alerts';

const ARMED: AlertState = { armed: true, reference: null };
const DISARMED: AlertState = { armed: false, reference: null };
const spotAbove: AlertCondition = { metric: 'spot', direction: 'above', level: 24_500 };
const t0 = Date.parse('2026-11-24T05:00:00.000Z');
const at = (second: number) => new Date(t0 + second * 1000);

/** One re-arm or reference move through the batch statement: true when this call changed the alert. */
async function updateState(db: Db, change: StateChange) {
  const [applied] = await applyAlertChanges(db, [{ ...change, firing: null }]);
  return applied!.won;
}

/** One firing through the batch statement: the firing when this call won it, else null. */
async function recordFiring(db: Parameters<typeof applyAlertChanges>[0], change: StateChange & FiringRecord) {
  const { expiry, value, message, firedAt, ...state } = change;
  const [applied] = await applyAlertChanges(db, [{ ...state, firing: { expiry, value, message, firedAt } }]);
  return applied!.fired;
}

describe('alerts: evaluation state and history', () => {
  const test = useTestDatabase([makeProduct('ALA'), makeProduct('ALB'), makeProduct('ALC')]);
  let userId: string;
  let otherUserId: string;

  beforeAll(async () => {
    userId = (await createTestUser(test.db, 'alerts@example.com')).id;
    otherUserId = (await createTestUser(test.db, 'other@example.com')).id;
  });

  const newAlert = async (condition: AlertCondition = spotAbove, product = 'ALA', owner = userId) => {
    const [id] = await insertAlerts(test.db, [{ userId: owner, product, condition, note: 'watch' }]);
    return id!;
  };
  const fire = (alertId: string, dataTs: Date, expected: AlertState = ARMED, value = 24_512.3) =>
    recordFiring(test.db, {
      alertId,
      expected,
      next: DISARMED,
      dataTs,
      expiry: null,
      value,
      message: alertMessage('ALA', null, spotAbove, value),
      firedAt: new Date(dataTs.getTime() + 5),
    });
  const stateOf = async (alertId: string) => (await getAlertStates(test.db, [alertId])).get(alertId) ?? null;
  const firingsOf = async (alertId: string) =>
    (await listAlertFirings(test.db, { userId, limit: 1000 })).filter(
      (firing) => firing.alert_id === alertId,
    );

  it('lists the active alerts of one product with their state', async () => {
    const [active, paused, elsewhere] = await insertAlerts(test.db, [
      { userId, product: 'ALB', expiry: '2026-12-29', condition: { metric: 'max_pain_shift', strikes: 2 } },
      { userId, product: 'ALB', condition: spotAbove, active: false },
      { userId, product: 'ALA', condition: spotAbove },
    ]);
    expect(elsewhere).toBeDefined();
    expect(paused).toBeDefined();
    expect(await listActiveAlerts(test.db, 'ALB')).toEqual([
      {
        id: active,
        userId,
        product: 'ALB',
        expiry: '2026-12-29',
        condition: { metric: 'max_pain_shift', strikes: 2 },
        note: '',
        armed: true,
        reference: null,
        stateDataTs: null,
      },
    ]);
  });

  it("raises a product's book version on every change of its alerts but the worker's state changes", async () => {
    const product = 'ALC';
    const version = () => getAlertBookVersion(test.db, product);
    expect(await version()).toBe(0);
    const id = await newAlert(spotAbove, product);
    const created = await version();
    expect(created).toBeGreaterThan(0);

    await fire(id, at(1));
    await updateState(test.db, { alertId: id, expected: DISARMED, next: ARMED, dataTs: at(2) });
    expect(await version()).toBe(created);

    await updateAlert(test.db, { userId, id }, { active: false });
    const paused = await version();
    expect(paused).toBeGreaterThan(created);
    await updateAlert(test.db, { userId, id }, { note: 'closer look' });
    const edited = await version();
    expect(edited).toBeGreaterThan(paused);
    await test.db.update(alerts).set({ product: 'ALA' }).where(eq(alerts.id, id));
    const moved = await version();
    expect(moved).toBeGreaterThan(edited);
    await test.db.update(alerts).set({ product }).where(eq(alerts.id, id));
    expect(await deleteAlert(test.db, { userId, id })).toBe(true);
    expect(await version()).toBeGreaterThan(moved + 1);
    expect(await getAlertBookVersion(test.db, 'ALB')).toBeGreaterThan(0);
  });

  it('records a firing once: the winner gets it, a second caller and a replay get null', async () => {
    const id = await newAlert();
    const won = await fire(id, at(1));
    expect(won).toEqual({
      userId,
      alert: {
        id: expect.stringMatching(/^\d+$/) as string,
        alert_id: id,
        product: 'ALA',
        expiry: null,
        condition: spotAbove,
        note: 'watch',
        value: 24_512.3,
        message: 'ALA spot 24,512.30 crossed above 24,500',
        data_timestamp: at(1).toISOString(),
        fired_at: new Date(at(1).getTime() + 5).toISOString(),
      } satisfies FiredAlert,
    });
    // Another replica that evaluated the same tick from the same (armed) state.
    expect(await fire(id, at(1))).toBeNull();
    // A later tick still seen as armed by a replica whose copy is stale.
    expect(await fire(id, at(2))).toBeNull();
    expect(await firingsOf(id)).toHaveLength(1);
    expect(await stateOf(id)).toMatchObject({
      armed: false,
      stateDataTs: at(1),
      active: true,
    });
    const [row] = await test.db.select().from(alerts).where(eq(alerts.id, id));
    expect(row?.lastFiredAt).toEqual(new Date(at(1).getTime() + 5));
  });

  it('applies a state change only from an observation newer than the last change', async () => {
    const id = await newAlert();
    await fire(id, at(10));
    const rearm = (dataTs: Date) =>
      updateState(test.db, { alertId: id, expected: DISARMED, next: ARMED, dataTs });
    // A value from before the firing, processed late, must not re-arm the alert.
    expect(await rearm(at(9))).toBe(false);
    expect(await rearm(at(10))).toBe(false);
    expect(await rearm(at(11))).toBe(true);
    // The same re-arm again (a second replica) changes nothing.
    expect(await rearm(at(11))).toBe(false);
    // A firing from a value older than the re-arm would fire twice for the crossing at 10 s.
    expect(await fire(id, at(10.5))).toBeNull();
    expect(await fire(id, at(12))).not.toBeNull();
    expect((await firingsOf(id)).map((firing) => firing.data_timestamp)).toEqual([
      at(12).toISOString(),
      at(10).toISOString(),
    ]);
  });

  it('moves a max-pain reference only from the reference it was evaluated from', async () => {
    const id = await newAlert({ metric: 'max_pain_shift', strikes: 2 });
    const take = (expected: number | null, next: number, second: number) =>
      updateState(test.db, {
        alertId: id,
        expected: { armed: true, reference: expected },
        next: { armed: true, reference: next },
        dataTs: at(second),
      });
    expect(await take(null, 24_500, 1)).toBe(true);
    expect(await take(null, 24_550, 2)).toBe(false);
    expect(await take(24_500, 24_600, 3)).toBe(true);
    expect((await stateOf(id))?.reference).toBe(24_600);
  });

  it('reads the states of several alerts in one query, active or not, and leaves a deleted one out', async () => {
    const [kept, paused, deleted] = [await newAlert(), await newAlert(), await newAlert()];
    await test.db.update(alerts).set({ active: false }).where(eq(alerts.id, paused));
    await test.db.delete(alerts).where(eq(alerts.id, deleted));
    const states = await getAlertStates(test.db, [kept, paused, deleted]);
    expect([...states.keys()].sort()).toEqual([kept, paused].sort());
    expect(states.get(kept)).toMatchObject({ id: kept, active: true, armed: true, product: 'ALA' });
    expect(states.get(paused)?.active).toBe(false);
    expect(await getAlertStates(test.db, [])).toEqual(new Map());
  });

  it('never changes a paused or deleted alert', async () => {
    const id = await newAlert();
    await test.db.update(alerts).set({ active: false }).where(eq(alerts.id, id));
    expect(await fire(id, at(1))).toBeNull();
    await test.db.delete(alerts).where(eq(alerts.id, id));
    expect(await fire(id, at(2))).toBeNull();
    expect(await stateOf(id)).toBeNull();
  });

  it('two replicas evaluating one sequence in different orders fire at most once per crossing', async () => {
    // Spot around 24,500 with a band of 24.5: the runs between values under 24,475.5 are the crossings.
    const values = [
      24_400, 24_510, 24_530, 24_490, 24_501, 24_470, 24_480, 24_505, 24_520, 24_476, 24_499, 24_450, 24_600,
      24_499, 24_520, 24_300, 24_350, 24_500, 24_700, 24_474, 24_480, 24_481, 24_510, 24_400, 24_520,
    ];
    const observations = values.map((spot, i) => ({ spot, dataTs: at(100 + i) }));
    /** Which crossing an observation belongs to: how many values beyond the band came before it. */
    const crossingOf = (dataTs: string) =>
      observations.filter((o) => o.dataTs.toISOString() <= dataTs && o.spot < 24_475.5).length;
    const crossingsInOrder = (() => {
      let state = ARMED;
      let fired = 0;
      for (const { spot } of observations) {
        const outcome = evaluateAlert(spotAbove, state, { spot });
        if (outcome.kind === 'fire') fired += 1;
        if (outcome.kind !== 'none') state = outcome.next;
      }
      return fired;
    })();
    expect(crossingsInOrder).toBe(6);

    /** A replica: evaluates from its own copy of the state, re-reads it when it loses a change. */
    async function replica(alertId: string, order: typeof observations) {
      let state: AlertState = ARMED;
      for (const { spot, dataTs } of order) {
        const outcome = evaluateAlert(spotAbove, state, { spot });
        if (outcome.kind === 'none') continue;
        const change = { alertId, expected: state, next: outcome.next, dataTs };
        const won =
          outcome.kind === 'fire'
            ? (await recordFiring(test.db, {
                ...change,
                expiry: null,
                value: outcome.value,
                message: 'm',
                firedAt: dataTs,
              })) !== null
            : await updateState(test.db, change);
        if (won) state = outcome.next;
        else {
          const stored = await stateOf(alertId);
          state = { armed: stored!.armed, reference: stored!.reference };
        }
      }
    }

    // Both in order, racing: exactly the crossings.
    const inOrder = await newAlert();
    await Promise.all([replica(inOrder, observations), replica(inOrder, observations)]);
    expect((await firingsOf(inOrder)).length).toBe(crossingsInOrder);

    // Shuffled (a fixed permutation per replica): some crossings may be missed, none fires twice.
    const permuted = (stride: number) =>
      observations.map((_, i) => observations[(i * stride) % observations.length]!);
    for (const [a, b] of [
      [7, 11],
      [3, 1],
      [24, 2],
    ] as const) {
      const id = await newAlert();
      await Promise.all([replica(id, permuted(a)), replica(id, permuted(b))]);
      const crossings = (await firingsOf(id)).map((firing) => crossingOf(firing.data_timestamp));
      expect(crossings.length).toBeGreaterThan(0);
      expect(new Set(crossings).size).toBe(crossings.length);
    }
  });

  it('applies a batch in one statement: each change on its own terms, results in order', async () => {
    const [firing, rearm, lost, paused] = await Promise.all([newAlert(), newAlert(), newAlert(), newAlert()]);
    await fire(rearm!, at(1));
    await fire(lost!, at(1));
    await test.db.update(alerts).set({ active: false }).where(eq(alerts.id, paused!));
    const firingRecord = (value: number) => ({
      expiry: '2026-12-29',
      value,
      message: `m${value}`,
      firedAt: at(3),
    });
    const applied = await applyAlertChanges(test.db, [
      { alertId: firing!, expected: ARMED, next: DISARMED, dataTs: at(2), firing: firingRecord(1) },
      { alertId: rearm!, expected: DISARMED, next: ARMED, dataTs: at(2), firing: null },
      // Evaluated from a stale copy (armed): another caller already fired it.
      { alertId: lost!, expected: ARMED, next: DISARMED, dataTs: at(2), firing: firingRecord(2) },
      { alertId: paused!, expected: ARMED, next: DISARMED, dataTs: at(2), firing: firingRecord(3) },
    ]);
    expect(applied.map((a) => a.won)).toEqual([true, true, false, false]);
    expect(applied.map((a) => a.fired?.alert.alert_id ?? null)).toEqual([firing, null, null, null]);
    expect(applied[0]!.fired).toMatchObject({
      userId,
      alert: { expiry: '2026-12-29', value: 1, message: 'm1', data_timestamp: at(2).toISOString() },
    });
    expect(await stateOf(rearm!)).toMatchObject({ armed: true, stateDataTs: at(2) });
    expect((await firingsOf(lost!)).map((f) => f.data_timestamp)).toEqual([at(1).toISOString()]);
    expect(await firingsOf(paused!)).toEqual([]);
    // The same batch again (a retried job, a second replica) changes nothing.
    const again = await applyAlertChanges(test.db, [
      { alertId: firing!, expected: ARMED, next: DISARMED, dataTs: at(2), firing: firingRecord(1) },
      { alertId: rearm!, expected: DISARMED, next: ARMED, dataTs: at(2), firing: null },
    ]);
    expect(again).toEqual([
      { won: false, fired: null },
      { won: false, fired: null },
    ]);
    expect(await firingsOf(firing!)).toHaveLength(1);
  });

  it('lists a user’s firings newest first, a page at a time, and no one else’s', async () => {
    const id = await newAlert(spotAbove, 'ALB');
    const otherId = await newAlert(spotAbove, 'ALB', otherUserId);
    for (let i = 0; i < 5; i += 1) {
      const expected = i === 0 ? ARMED : DISARMED;
      if (i > 0)
        await updateState(test.db, { alertId: id, expected, next: ARMED, dataTs: at(1000 + 2 * i - 1) });
      await fire(id, at(1000 + 2 * i));
    }
    await fire(otherId, at(5000));
    const mine = (await listAlertFirings(test.db, { userId, limit: 100 })).filter((f) => f.alert_id === id);
    expect(mine.map((f) => f.data_timestamp)).toEqual([8, 6, 4, 2, 0].map((s) => at(1000 + s).toISOString()));

    const first = await listAlertFirings(test.db, { userId, limit: 2 });
    expect(first.map((f) => f.data_timestamp)).toEqual([at(1008), at(1006)].map((d) => d.toISOString()));
    const second = await listAlertFirings(test.db, { userId, limit: 2, before: first[1]!.id });
    expect(second.map((f) => f.data_timestamp)).toEqual([at(1004), at(1002)].map((d) => d.toISOString()));
    const others = await listAlertFirings(test.db, { userId: otherUserId, limit: 10 });
    expect(others.map((f) => f.alert_id)).toEqual([otherId]);
    // Another user's firing id is no cursor into this user's history.
    expect(await listAlertFirings(test.db, { userId, limit: 10, before: others[0]!.id })).toEqual([]);
    expect(await listAlertFirings(test.db, { userId, limit: 10, before: 'nope' })).toEqual([]);
    const everyone = [
      ...(await listAlertFirings(test.db, { userId, limit: 1000 })),
      ...(await listAlertFirings(test.db, { userId: otherUserId, limit: 1000 })),
    ];
    expect(await countAlertFirings(test.db)).toBe(everyone.length);
  });
});
