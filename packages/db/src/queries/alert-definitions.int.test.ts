import type { AlertCondition } from '@deltastream/core/alerts';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts } from '../schema';
import { createTestUser, makeProduct } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import {
  createAlertWithinLimit,
  deleteAlert,
  getAlert,
  listAlerts,
  updateAlert,
  type NewAlert,
} from './alert-definitions';

const spotAbove: AlertCondition = { metric: 'spot', direction: 'above', level: 24_500 };
const maxPainShift: AlertCondition = { metric: 'max_pain_shift', strikes: 2 };

describe('alert definitions', () => {
  const test = useTestDatabase([makeProduct('NIFTY')]);

  let users = 0;
  const newUser = async () => (await createTestUser(test.db, `alerts-${++users}@example.com`)).id;
  const alertOf = (userId: string, overrides: Partial<NewAlert> = {}): NewAlert => ({
    userId,
    product: 'NIFTY',
    expiry: null,
    condition: spotAbove,
    note: '',
    reference: null,
    ...overrides,
  });

  it('creates armed and active, lists the user’s own newest first, and reads one back', async () => {
    const userId = await newUser();
    const first = await createAlertWithinLimit(test.db, alertOf(userId, { note: 'first' }), 10);
    const second = await createAlertWithinLimit(
      test.db,
      alertOf(userId, { condition: maxPainShift, expiry: '2026-12-29', reference: 24_500 }),
      10,
    );
    expect(first).toMatchObject({ userId, active: true, armed: true, note: 'first', lastFiredAt: null });
    expect(second).toMatchObject({ condition: maxPainShift, expiry: '2026-12-29', reference: 24_500 });
    expect((await listAlerts(test.db, userId)).map((a) => a.id)).toEqual([second!.id, first!.id]);
    expect(await getAlert(test.db, { userId, id: first!.id })).toEqual(first);
  });

  it('refuses one more than the cap, also when creates race for the last place', async () => {
    const userId = await newUser();
    await createAlertWithinLimit(test.db, alertOf(userId), 3);
    const racing = await Promise.all(
      Array.from({ length: 4 }, () => createAlertWithinLimit(test.db, alertOf(userId), 3)),
    );
    expect(racing.filter((created) => created !== null)).toHaveLength(2);
    expect(await listAlerts(test.db, userId)).toHaveLength(3);
  });

  it('another user neither sees, reads, changes nor deletes it', async () => {
    const owner = await newUser();
    const other = await newUser();
    const alert = (await createAlertWithinLimit(test.db, alertOf(owner), 10))!;
    expect(await listAlerts(test.db, other)).toEqual([]);
    expect(await getAlert(test.db, { userId: other, id: alert.id })).toBeNull();
    expect(await updateAlert(test.db, { userId: other, id: alert.id }, { active: false })).toBeNull();
    expect(await deleteAlert(test.db, { userId: other, id: alert.id })).toBe(false);
    expect(await getAlert(test.db, { userId: owner, id: alert.id })).toMatchObject({ active: true });
    expect(await deleteAlert(test.db, { userId: owner, id: alert.id })).toBe(true);
    expect(await getAlert(test.db, { userId: owner, id: alert.id })).toBeNull();
  });

  it('re-arms an alert when it is resumed from a pause, and only then', async () => {
    const userId = await newUser();
    const alert = (await createAlertWithinLimit(
      test.db,
      alertOf(userId, { condition: maxPainShift, reference: 24_000 }),
      10,
    ))!;
    const key = { userId, id: alert.id };
    // The worker's state after a firing: disarmed, measuring from where max pain moved to.
    await test.db.update(alerts).set({ armed: false, reference: 24_200 }).where(eq(alerts.id, alert.id));

    const stillActive = await updateAlert(test.db, key, { active: true, note: 'n', rearmReference: 25_000 });
    expect(stillActive).toMatchObject({ active: true, armed: false, reference: 24_200, note: 'n' });

    expect(await updateAlert(test.db, key, { active: false })).toMatchObject({ active: false, armed: false });
    const resumed = await updateAlert(test.db, key, { active: true, rearmReference: 24_400 });
    expect(resumed).toMatchObject({ active: true, armed: true, reference: 24_400, note: 'n' });

    const noteOnly = await updateAlert(test.db, key, { note: 'only the note' });
    expect(noteOnly).toMatchObject({ active: true, armed: true, reference: 24_400, note: 'only the note' });
  });
});
