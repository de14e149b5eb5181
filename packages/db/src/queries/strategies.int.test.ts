import { FAR, option, strategyOf } from '@deltastream/core/testing/strategy';
import { describe, expect, it } from 'vitest';
import { createTestUser } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import {
  createSavedStrategyWithinLimit,
  deleteSavedStrategy,
  getSavedStrategy,
  listSavedStrategies,
} from './strategies';

const straddle = strategyOf(
  option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 180.5, expiry: FAR, lots: 2 }),
  option({ side: 'BUY', option_type: 'PUT', strike: 21_500, entry_price: 143.25, expiry: FAR, lots: 2 }),
  { kind: 'underlying', side: 'SELL', lots: 1, entry_price: 21_537.4 },
);

describe('saved strategies', () => {
  const test = useTestDatabase();

  it('keeps the strategy exactly as saved and lists a user’s own, newest first', async () => {
    const user = await createTestUser(test.db, 'saver@example.com');
    const first = await createSavedStrategyWithinLimit(
      test.db,
      { userId: user.id, name: 'Straddle', strategy: straddle },
      100,
    );
    const second = await createSavedStrategyWithinLimit(
      test.db,
      { userId: user.id, name: 'Straddle again', strategy: straddle },
      100,
    );
    expect(first).toMatchObject({ userId: user.id, name: 'Straddle', strategy: straddle });
    expect(first!.createdAt).toBeInstanceOf(Date);
    expect((await listSavedStrategies(test.db, user.id)).map((s) => s.id)).toEqual([second!.id, first!.id]);
    expect(await getSavedStrategy(test.db, { userId: user.id, id: first!.id })).toEqual(first);
  });

  it('another user neither sees, reads nor deletes it', async () => {
    const owner = await createTestUser(test.db, 'owner@example.com');
    const other = await createTestUser(test.db, 'other@example.com');
    const saved = await createSavedStrategyWithinLimit(
      test.db,
      { userId: owner.id, name: 'Mine', strategy: straddle },
      100,
    );
    expect(await listSavedStrategies(test.db, other.id)).toEqual([]);
    expect(await getSavedStrategy(test.db, { userId: other.id, id: saved!.id })).toBeNull();
    expect(await deleteSavedStrategy(test.db, { userId: other.id, id: saved!.id })).toBe(false);
    expect(await deleteSavedStrategy(test.db, { userId: owner.id, id: saved!.id })).toBe(true);
    expect(await deleteSavedStrategy(test.db, { userId: owner.id, id: saved!.id })).toBe(false);
    expect(await getSavedStrategy(test.db, { userId: owner.id, id: saved!.id })).toBeNull();
  });

  it('refuses a save beyond the cap, also when saves race for the last place', async () => {
    const user = await createTestUser(test.db, 'capped@example.com');
    const save = (name: string) =>
      createSavedStrategyWithinLimit(test.db, { userId: user.id, name, strategy: straddle }, 3);
    expect(await save('one')).not.toBeNull();
    const racing = await Promise.all(['two', 'three', 'four', 'five'].map(save));
    expect(racing.filter((saved) => saved !== null)).toHaveLength(2);
    expect(await listSavedStrategies(test.db, user.id)).toHaveLength(3);
    // A deleted one frees its place.
    const [newest] = await listSavedStrategies(test.db, user.id);
    await deleteSavedStrategy(test.db, { userId: user.id, id: newest!.id });
    expect(await save('six')).not.toBeNull();
  });
});
