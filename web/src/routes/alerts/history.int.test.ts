import { beforeAll, describe, expect, it } from 'vitest';
import { FiredAlertSchema, type AlertCondition } from '@deltastream/core/alerts';
import { createAlertWithinLimit } from '@deltastream/db/queries';
import { alertFirings } from '@deltastream/db/schema';
import { ALERT_HISTORY_LIMITS, type AlertHistoryResponse } from '../../contracts/alerts';
import {
  newSignedInUser,
  testProduct,
  uniqueSymbol,
  useMarketTest,
  type SignedInUser,
} from '../../server/market-fixtures';
import { alertHistoryRoute } from './history';

const product = testProduct(uniqueSymbol());
const { web } = useMarketTest([product]);
const condition: AlertCondition = { metric: 'pcr_oi', direction: 'above', level: 1.2 };
const users = {} as Record<'owner' | 'other', SignedInUser>;
let alertId: string;

type Answer = AlertHistoryResponse & { error: { code: string; field?: string } };
const history = (who: 'owner' | 'other', query: Record<string, string> = {}) =>
  web.call<Answer>(alertHistoryRoute, '/api/alerts/history', { headers: users[who].headers, query });

const minute = (m: number, s = 0) => new Date(Date.UTC(2026, 11, 4, 4, m, s));

beforeAll(async () => {
  for (const who of ['owner', 'other'] as const) users[who] = await newSignedInUser(web, who);
  const alert = await createAlertWithinLimit(
    web.ctx.db,
    {
      userId: users.owner.id,
      product: product.symbol,
      expiry: '2026-12-29',
      condition,
      note: 'pcr',
      reference: null,
    },
    10,
  );
  alertId = alert!.id;
  // As the worker records them: three firings of the owner's alert, out of order.
  await web.ctx.db.insert(alertFirings).values(
    [2, 5, 3].map((m) => ({
      alertId,
      userId: users.owner.id,
      product: product.symbol,
      expiry: '2026-12-29',
      condition,
      note: 'pcr',
      value: 1.2 + m / 100,
      message: `${product.symbol} PCR (OI) ${(1.2 + m / 100).toFixed(2)} crossed above 1.2`,
      dataTs: minute(m),
      firedAt: minute(m, 1),
    })),
  );
});

describe('GET /api/alerts/history', () => {
  it('lists the owner’s firings newest first, as the alert event carries them', async () => {
    const { status, body } = await history('owner');
    expect(status).toBe(200);
    expect(body.firings.map((f) => f.fired_at)).toEqual(
      [minute(5, 1), minute(3, 1), minute(2, 1)].map((d) => d.toISOString()),
    );
    for (const firing of body.firings) expect(FiredAlertSchema.parse(firing)).toEqual(firing);
    expect(body.firings[0]).toMatchObject({
      alert_id: alertId,
      product: product.symbol,
      expiry: '2026-12-29',
      condition,
      note: 'pcr',
      value: 1.25,
      data_timestamp: minute(5).toISOString(),
    });
    expect(new Set(body.firings.map((f) => f.id)).size).toBe(3);
  });

  it('pages back with limit and before', async () => {
    const first = await history('owner', { limit: '2' });
    expect(first.body.firings.map((f) => f.value)).toEqual([1.25, 1.23]);
    const next = await history('owner', { limit: '2', before: first.body.firings[1]!.id });
    expect(next.body.firings.map((f) => f.value)).toEqual([1.22]);
  });

  it('answers CSV: one firing a row, the condition’s fields as columns, newest first', async () => {
    const csv = await web.call(alertHistoryRoute, '/api/alerts/history', {
      headers: users.owner.headers,
      query: { format: 'csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    const columns = header!.split(',');
    expect(columns).toEqual(
      expect.arrayContaining(['id', 'alert_id', 'metric', 'direction', 'level', 'value', 'message']),
    );
    expect(columns).not.toContain('condition');
    expect(rows).toHaveLength(3);
    const cell = (row: string, column: string) => row.split(',')[columns.indexOf(column)];
    expect(rows.map((row) => cell(row, 'value'))).toEqual(['1.25', '1.23', '1.22']);
    for (const row of rows) {
      expect(cell(row, 'metric')).toBe('pcr_oi');
      expect(cell(row, 'direction')).toBe('above');
      expect(cell(row, 'level')).toBe('1.2');
      expect(cell(row, 'strike')).toBe('');
    }
  });

  it('shows another user nothing of it', async () => {
    expect((await history('other')).body.firings).toEqual([]);
  });

  it('refuses a bad limit or before, naming it, and anonymous callers', async () => {
    const tooMany = await history('owner', { limit: String(ALERT_HISTORY_LIMITS.max + 1) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('limit');
    const badBefore = await history('owner', { before: 'yesterday' });
    expect(badBefore.status).toBe(400);
    expect(badBefore.body.error.field).toBe('before');
    expect((await web.call(alertHistoryRoute, '/api/alerts/history')).status).toBe(401);
  });
});
