import { beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '@deltastream/auth/access-tokens';
import type { Alert } from '@deltastream/core/alerts';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { createAlertWithinLimit } from '@deltastream/db/queries';
import { alerts, products } from '@deltastream/db/schema';
import { eq } from 'drizzle-orm';
import { MAX_ALERTS_PER_USER, type AlertListResponse } from '../../contracts/alerts';
import {
  newSignedInUser,
  simulatedChains,
  storeChains,
  testProduct,
  uniqueSymbol,
  useMarketTest,
  withApiToken,
  type SignedInUser,
} from '../../server/market-fixtures';
import type { Route } from '../../server/route';
import { createAlertRoute, deleteAlertRoute, listAlertsRoute, updateAlertRoute } from './definitions';

const product = testProduct(uniqueSymbol());
/** In the catalogue, switched off. */
const retired = testProduct(uniqueSymbol());
const { web } = useMarketTest([product, retired]);
let chains: EnrichedChain[];
let near: EnrichedChain;
let far: EnrichedChain;
type Who = 'owner' | 'other' | 'capped';
const users = {} as Record<Who, SignedInUser>;

type Answer = Alert & AlertListResponse & { error: { code: string; message: string; field?: string } };
const call = (route: Route, path: string, who: Who, body?: unknown) =>
  web.call<Answer>(route, path, { headers: users[who].headers, body });
const create = (who: Who, body: unknown) => call(createAlertRoute, '/api/alerts', who, body);

beforeAll(async () => {
  await web.ctx.db.update(products).set({ active: false }).where(eq(products.symbol, retired.symbol));
  chains = simulatedChains(product, 1);
  await storeChains(web, chains);
  const byExpiry = [...chains].sort((a, b) => a.expiry.localeCompare(b.expiry));
  near = byExpiry[0]!;
  far = byExpiry[byExpiry.length - 1]!;
  for (const who of ['owner', 'other', 'capped'] as const) users[who] = await newSignedInUser(web, who);
});

describe('alerts: create, list, pause, resume, delete', () => {
  it('creates an alert (201, armed and active), and lists the owner’s own newest first', async () => {
    const spot = await create('owner', {
      product: product.symbol,
      expiry: far.expiry,
      condition: { metric: 'spot', direction: 'above', level: 24_500 },
      note: '  breakout  ',
    });
    expect(spot.status).toBe(201);
    expect(spot.body).toMatchObject({
      product: product.symbol,
      // Spot is the product's, whatever expiry was sent.
      expiry: null,
      condition: { metric: 'spot', direction: 'above', level: 24_500 },
      note: 'breakout',
      active: true,
      armed: true,
      reference: null,
      last_fired_at: null,
    });
    const pcr = await create('owner', {
      product: product.symbol,
      expiry: far.expiry,
      condition: { metric: 'pcr_oi', direction: 'below', level: 0.7 },
    });
    expect(pcr.status).toBe(201);
    expect(pcr.body).toMatchObject({ expiry: far.expiry, note: '' });

    const list = await call(listAlertsRoute, '/api/alerts', 'owner');
    expect(list.status).toBe(200);
    expect(list.body.max_alerts).toBe(MAX_ALERTS_PER_USER);
    expect(list.body.alerts.map((alert) => alert.id)).toEqual([pcr.body.id, spot.body.id]);
    expect((await call(listAlertsRoute, '/api/alerts', 'other')).body.alerts).toEqual([]);
  });

  it('measures a max-pain shift from the max-pain strike of the chain it watches now', async () => {
    const nearest = await create('owner', {
      product: product.symbol,
      condition: { metric: 'max_pain_shift', strikes: 2 },
    });
    expect(nearest.status).toBe(201);
    expect(nearest.body).toMatchObject({ expiry: null, reference: near.max_pain_strike });
    const named = await create('owner', {
      product: product.symbol,
      expiry: far.expiry,
      condition: { metric: 'max_pain_shift', strikes: 1 },
    });
    expect(named.body.reference).toBe(far.max_pain_strike);
  });

  it('takes an OI-change alert on a strike of the chain, and refuses one off the chain naming the field', async () => {
    const strike = near.strikes[3]!;
    const ok = await create('owner', {
      product: product.symbol,
      expiry: near.expiry,
      condition: { metric: 'oi_change', strike, option_type: 'PUT', direction: 'above', level: 5_000 },
    });
    expect(ok.status).toBe(201);
    const off = await create('owner', {
      product: product.symbol,
      expiry: near.expiry,
      condition: {
        metric: 'oi_change',
        strike: strike + 0.5,
        option_type: 'PUT',
        direction: 'above',
        level: 1,
      },
    });
    expect(off.status).toBe(400);
    expect(off.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'condition.strike' });
    expect(off.body.error.message).toContain(`${strike + 0.5} is not a strike of the ${product.symbol}`);
  });

  it('refuses an unknown or inactive product, a dead expiry and a bad condition, naming the field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [
        { product: 'NOSUCH', condition: { metric: 'spot', direction: 'above', level: 1 } },
        'product',
        /NOSUCH is not a product/,
      ],
      [
        { product: retired.symbol, condition: { metric: 'spot', direction: 'above', level: 1 } },
        'product',
        /is not a product of the catalogue/,
      ],
      [
        {
          product: product.symbol,
          expiry: '2020-01-07',
          condition: { metric: 'atm_iv', direction: 'above', level: 0.3 },
        },
        'expiry',
        /2020-01-07 is not a live expiry/,
      ],
      [
        { product: product.symbol, condition: { metric: 'iv_rank', direction: 'above', level: 101 } },
        'condition.level',
        /condition\.level:/,
      ],
      [{ product: product.symbol, condition: { metric: 'delta' } }, 'condition.metric', /condition\.metric:/],
    ];
    for (const [body, field, message] of cases) {
      const { status, body: answer } = await create('owner', body);
      expect(status, field).toBe(400);
      expect(answer.error.field).toBe(field);
      expect(answer.error.message).toMatch(message);
    }
  });

  it('pauses, and resuming re-arms; only the note changes otherwise', async () => {
    const created = await create('owner', {
      product: product.symbol,
      condition: { metric: 'max_pain_shift', strikes: 3 },
    });
    const path = `/api/alerts/${created.body.id}`;
    // As the worker leaves it after a firing: disarmed, measuring from elsewhere.
    await web.ctx.db.update(alerts).set({ armed: false, reference: 1 }).where(eq(alerts.id, created.body.id));

    const paused = await call(updateAlertRoute, path, 'owner', { active: false });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ active: false, armed: false });
    const resumed = await call(updateAlertRoute, path, 'owner', { active: true, note: 'again' });
    expect(resumed.body).toMatchObject({
      active: true,
      armed: true,
      reference: near.max_pain_strike,
      note: 'again',
    });
    const bad = await call(updateAlertRoute, path, 'owner', { active: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('active');
  });

  it('answers 404 for another user’s alert, and lets them change nothing', async () => {
    const mine = await create('owner', {
      product: product.symbol,
      condition: { metric: 'spot', direction: 'below', level: 100 },
    });
    const path = `/api/alerts/${mine.body.id}`;
    const patch = await call(updateAlertRoute, path, 'other', { active: false });
    expect(patch.status).toBe(404);
    expect(patch.body.error.field).toBe('id');
    expect((await call(deleteAlertRoute, path, 'other')).status).toBe(404);
    const list = await call(listAlertsRoute, '/api/alerts', 'owner');
    expect(list.body.alerts.find((alert) => alert.id === mine.body.id)).toMatchObject({ active: true });

    const deleted = await call(deleteAlertRoute, path, 'owner');
    expect(deleted.body).toEqual({ deleted: true, id: mine.body.id });
    expect((await call(deleteAlertRoute, path, 'owner')).status).toBe(404);
    expect((await call(updateAlertRoute, '/api/alerts/not-a-uuid', 'owner', {})).body.error.field).toBe('id');
  });

  it(`keeps at most ${MAX_ALERTS_PER_USER} alerts per user: one more is a 409 that says so`, async () => {
    const userId = users.capped.id;
    for (let i = 0; i < MAX_ALERTS_PER_USER; i += 1) {
      await createAlertWithinLimit(
        web.ctx.db,
        {
          userId,
          product: product.symbol,
          expiry: null,
          condition: { metric: 'spot', direction: 'above', level: 100 + i },
          note: '',
          reference: null,
        },
        MAX_ALERTS_PER_USER,
      );
    }
    const over = await create('capped', {
      product: product.symbol,
      condition: { metric: 'spot', direction: 'above', level: 1 },
    });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toBe(
      `at most ${MAX_ALERTS_PER_USER} alerts per user; delete one to create another`,
    );
    expect((await call(listAlertsRoute, '/api/alerts', 'capped')).body.alerts).toHaveLength(
      MAX_ALERTS_PER_USER,
    );
  });
});

describe('alerts: who may call', () => {
  const spot = { product: product.symbol, condition: { metric: 'spot', direction: 'above', level: 1 } };

  it('refuses anonymous callers (401) and API tokens (403), and takes a login token', async () => {
    const anonymous = await web.call<Answer>(listAlertsRoute, '/api/alerts');
    expect(anonymous.status).toBe(401);
    const script = await web.call<Answer>(createAlertRoute, '/api/alerts', {
      headers: await withApiToken(web, ['read:market', 'read:stream']),
      body: spot,
    });
    expect(script.status).toBe(403);

    const { token } = await issueAccessToken(web.ctx.config.AUTH_SECRET, {
      sub: users.other.id,
      email: 'other@example.com',
      role: 'user',
    });
    const created = await web.call<Answer>(createAlertRoute, '/api/alerts', {
      headers: { authorization: `Bearer ${token}` },
      body: spot,
    });
    expect(created.status).toBe(201);
    const list = await call(listAlertsRoute, '/api/alerts', 'other');
    expect(list.body.alerts.map((alert) => alert.id)).toEqual([created.body.id]);
  });

  it('refuses a cookie-signed change from another site', async () => {
    const headers = { ...users.owner.headers, origin: 'https://evil.example' };
    const { status } = await web.call<Answer>(createAlertRoute, '/api/alerts', { headers, body: spot });
    expect(status).toBe(403);
  });
});
