import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import type { AlertCondition } from '@deltastream/core/alerts';
import {
  applyAlertChanges,
  deleteAlert,
  insertAlerts,
  updateAlert,
  upsertProducts,
} from '@deltastream/db/queries';
import * as schema from '@deltastream/db/schema';
import { createTestDatabase, createTestUser, makeProduct, type TestDatabase } from '@deltastream/db/testing';
import { createActiveAlerts } from './active-alerts';

const product = makeProduct('BOOK');
const spotAbove: AlertCondition = { metric: 'spot', direction: 'above', level: 24_500 };

let test: TestDatabase;
let userId: string;
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'command', {
  prefix: testRedisPrefix('active-alerts'),
});
beforeAll(async () => {
  test = await createTestDatabase();
  await upsertProducts(test.db, [product]);
  userId = (await createTestUser(test.db, 'book@example.com')).id;
});
afterAll(async () => {
  redis.disconnect();
  await test.drop();
});

describe('active alerts (real PostgreSQL)', () => {
  it('re-read a product’s alerts only after its book changed, within the refresh interval', async () => {
    const statements: string[] = [];
    const db = drizzle(test.sql, { schema, logger: { logQuery: (query) => statements.push(query) } });
    let nowMs = 0;
    const active = createActiveAlerts({
      db,
      redis,
      products: new Map([[product.symbol, product]]),
      logger: createLogger('test', 'silent'),
      nowMs: () => nowMs,
      maxAgeMs: 1_000,
    });
    const listReads = () => statements.filter((statement) => /from "alerts"/.test(statement)).length;
    /** The next call after the interval reloads in the background; the one after sees its result. */
    const afterRefresh = async () => {
      nowMs += 1_001;
      await active.forProduct(product.symbol);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return active.forProduct(product.symbol);
    };

    const [first] = await insertAlerts(test.db, [{ userId, product: product.symbol, condition: spotAbove }]);
    expect((await active.forProduct(product.symbol)).spot.map((alert) => alert.id)).toEqual([first]);
    expect(listReads()).toBe(1);

    // Nobody edited the book: the version is read, the alerts are not.
    const unchanged = await afterRefresh();
    expect(unchanged.spot.map((alert) => alert.id)).toEqual([first]);
    expect(listReads()).toBe(1);
    expect(statements.filter((statement) => /from "alert_book_versions"/.test(statement))).toHaveLength(2);

    const [second] = await insertAlerts(test.db, [{ userId, product: product.symbol, condition: spotAbove }]);
    expect((await afterRefresh()).spot.map((alert) => alert.id).sort()).toEqual([first, second].sort());
    expect(listReads()).toBe(2);

    await updateAlert(test.db, { userId, id: first! }, { active: false });
    expect((await afterRefresh()).spot.map((alert) => alert.id)).toEqual([second]);
    expect(listReads()).toBe(3);
  });

  it('re-reads the alerts whose changes another replica won, all in one query', async () => {
    const statements: string[] = [];
    const db = drizzle(test.sql, { schema, logger: { logQuery: (query) => statements.push(query) } });
    const symbol = 'LOST';
    await upsertProducts(test.db, [makeProduct(symbol)]);
    const ids = await insertAlerts(
      test.db,
      [0, 1, 2].map(() => ({ userId, product: symbol, condition: spotAbove })),
    );
    const [disarmed, untouched, deleted] = ids as [string, string, string];
    const active = createActiveAlerts({
      db,
      redis,
      products: new Map([[symbol, makeProduct(symbol)]]),
      logger: createLogger('test', 'silent'),
    });
    const held = (await active.forProduct(symbol)).spot;
    // Another replica fires the first alert; the third is deleted meanwhile.
    const dataTs = new Date('2026-11-24T05:00:00.000Z');
    await applyAlertChanges(test.db, [
      {
        alertId: disarmed,
        expected: { armed: true, reference: null },
        next: { armed: false, reference: null },
        dataTs,
        firing: null,
      },
    ]);
    await deleteAlert(test.db, { userId, id: deleted });
    statements.length = 0;

    await active.reread(held);
    expect(statements.filter((statement) => /from "alerts"/.test(statement))).toHaveLength(1);
    const byId = new Map(held.map((alert) => [alert.id, alert]));
    expect(byId.get(disarmed)).toMatchObject({ armed: false, stateMs: dataTs.getTime() });
    expect(byId.get(untouched)).toMatchObject({ armed: true, stateMs: -Infinity });
    // A deleted alert is never evaluated again by this copy.
    expect(byId.get(deleted)?.stateMs).toBe(Infinity);
  });

  it('applies the changes another replica announces, each only when newer than the copy', async () => {
    const symbol = 'HEARD';
    await upsertProducts(test.db, [makeProduct(symbol)]);
    const [fresh, stale] = (await insertAlerts(
      test.db,
      [0, 1].map(() => ({ userId, product: symbol, condition: spotAbove })),
    )) as [string, string];
    const active = createActiveAlerts({
      db: test.db,
      redis,
      products: new Map([[symbol, makeProduct(symbol)]]),
      logger: createLogger('test', 'silent'),
    });
    const byId = new Map((await active.forProduct(symbol)).spot.map((alert) => [alert.id, alert]));
    const heldStale = byId.get(stale)!;
    heldStale.stateMs = Date.parse('2026-11-24T05:00:10.000Z');
    active.applyChanges({
      product: symbol,
      state_data_ts: '2026-11-24T05:00:05.000Z',
      changes: [
        { alert_id: fresh, armed: false, reference: 24_510 },
        { alert_id: stale, armed: false, reference: null },
        { alert_id: '00000000-0000-4000-8000-000000000000', armed: false, reference: null },
      ],
    });
    expect(byId.get(fresh)).toMatchObject({
      armed: false,
      reference: 24_510,
      stateMs: Date.parse('2026-11-24T05:00:05.000Z'),
    });
    // This copy already holds a later change of its own.
    expect(heldStale).toMatchObject({ armed: true, stateMs: Date.parse('2026-11-24T05:00:10.000Z') });
  });
});
