import { beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedChain } from '@deltastream/core/schemas';
import { flatVolChain } from '@deltastream/core/testing';
import { atmTermStructure, compareTermStructures } from '@deltastream/core/volatility';
import { insertChainSnapshots } from '@deltastream/db/queries';
import type { TermStructureResponse } from '../../contracts/volatility-history';
import { dateFromToday, enrichInOrder, testProduct, useMarketTest } from '../../server/market-fixtures';
import { termStructureRoute } from './term-structure';

const product = testProduct();
const quiet = testProduct();
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const gone = dateFromToday(-3);
const near = dateFromToday(10);
const mid = dateFromToday(40);
const far = dateFromToday(100);
/** The current snapshot a minute ago; each expiry's chain at its own flat volatility. */
const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const snapshot = (atMs: number, vols: Record<string, number>) =>
  Object.entries(vols).map(([expiry, volatility], i) =>
    flatVolChain(product, {
      expiry,
      timestamp: new Date(atMs + i * 1000).toISOString(),
      seq: 1 + Math.round(atMs / 1000),
      spot: 24_000,
      volatility,
      strikes: [23_900, 24_000, 24_100],
    }),
  );
/**
 * A week ago (with an expiry that has expired since), a day ago (before the far expiry was listed), just
 * under a day before the current snapshot (less than a day old, though more than a day before the
 * clock's now when read: never an earlier curve), half a day ago, and now.
 */
const taken = {
  weekAgo: snapshot(t0 - 7 * DAY_MS - 30_000, { [gone]: 0.2, [near]: 0.12, [mid]: 0.14 }),
  dayAgo: snapshot(t0 - DAY_MS - 30_000, { [near]: 0.13, [mid]: 0.15 }),
  underADayAgo: snapshot(t0 - DAY_MS + 30_000, { [near]: 0.5, [mid]: 0.5 }),
  halfDayAgo: snapshot(t0 - 12 * HOUR_MS, { [near]: 0.6, [mid]: 0.6 }),
  now: snapshot(t0, { [near]: 0.14, [mid]: 0.16, [far]: 0.18 }),
};
let chains: Record<keyof typeof taken, EnrichedChain[]>;
const { web, productGet } = useMarketTest([product, quiet]);

beforeAll(async () => {
  const enriched = enrichInOrder(product, Object.values(taken).flat());
  const count = (key: keyof typeof taken) => taken[key].length;
  chains = {
    weekAgo: enriched.slice(0, count('weekAgo')),
    dayAgo: enriched.slice(count('weekAgo'), count('weekAgo') + count('dayAgo')),
    underADayAgo: [],
    halfDayAgo: [],
    now: enriched.slice(-count('now')),
  };
  await insertChainSnapshots(web.ctx.db, enriched);
});

const get = productGet<TermStructureResponse>(termStructureRoute);

const curveOf = (snapshotChains: EnrichedChain[]) => atmTermStructure(snapshotChains, product.time_zone);

describe('GET /api/analytics/term-structure/{product}', () => {
  it('compares ATM IV now with the snapshots at least a day and a week older, by expiry and at constant maturities', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body.product).toBe(product.symbol);
    expect(body.timestamp).toBe(chains.now.at(-1)!.timestamp);
    expect(body.timestamp_1d_ago).toBe(chains.dayAgo.at(-1)!.timestamp);
    expect(body.timestamp_1w_ago).toBe(chains.weekAgo.at(-1)!.timestamp);
    const [now, dayAgo, weekAgo] = [curveOf(chains.now), curveOf(chains.dayAgo), curveOf(chains.weekAgo)];
    const { expiries, constant_maturity } = compareTermStructures(now, { dayAgo, weekAgo });
    expect(body.expiries).toEqual(expiries);
    expect(body.constant_maturity).toEqual(constant_maturity);

    // Each chain's ATM IV is its flat volatility, solved back from the quotes.
    expect(body.expiries.map((row) => row.expiry)).toEqual([near, mid, far]);
    const vols = body.expiries.map((row) => [row.atm_iv, row.atm_iv_1d_ago, row.atm_iv_1w_ago]);
    const expected = [
      [0.14, 0.13, 0.12],
      [0.16, 0.15, 0.14],
      [0.18, null, null],
    ];
    vols.forEach((row, i) =>
      row.forEach((iv, j) =>
        expected[i]![j] === null ? expect(iv).toBeNull() : expect(iv).toBeCloseTo(expected[i]![j]!, 6),
      ),
    );
    // 7 days: before the first usable expiry, flat at its IV. 30 days, between the 10- and 40-day
    // expiries: total variance 0.14²·10 + (0.16²·40 − 0.14²·10)·(30 − 10)/(40 − 10) over 30 days, about
    // 15.79% (the times are the chains' own, within a day of whole days: 15.75% to 15.83%).
    const [sevenDays, thirtyDays] = body.constant_maturity;
    expect(sevenDays).toMatchObject({ days: 7 });
    expect(sevenDays!.atm_iv).toBeCloseTo(0.14, 6);
    expect(sevenDays!.atm_iv_1w_ago).toBeCloseTo(0.12, 6);
    expect(thirtyDays).toMatchObject({ days: 30 });
    expect(thirtyDays!.atm_iv).toBeCloseTo(0.1579, 3);
    expect(body.constant_maturity.map((row) => row.days)).toEqual([7, 30, 60, 90]);
  });

  it("lists each snapshot's expiries at their days to expiry then, the expired one in the week-old curve", async () => {
    const { body } = await get();
    expect(body.curves).toEqual([
      ...curveOf(chains.now).map((point) => ({ snapshot: 'now', ...point })),
      ...curveOf(chains.dayAgo).map((point) => ({ snapshot: '1d_ago', ...point })),
      ...curveOf(chains.weekAgo).map((point) => ({ snapshot: '1w_ago', ...point })),
    ]);
    const weekOld = body.curves.filter((row) => row.snapshot === '1w_ago');
    expect(weekOld.map((row) => row.expiry)).toEqual([gone, near, mid]);
    const nearNow = body.curves.find((row) => row.snapshot === 'now' && row.expiry === near)!;
    const nearThen = weekOld.find((row) => row.expiry === near)!;
    expect(nearThen.days_to_expiry - nearNow.days_to_expiry).toBe(7);
  });

  it('answers a product without chains with empty curves and null times', async () => {
    const { status, body } = await get({}, quiet.symbol);
    expect(status).toBe(200);
    expect(body).toEqual({
      product: quiet.symbol,
      timestamp: null,
      timestamp_1d_ago: null,
      timestamp_1w_ago: null,
      expiries: [],
      constant_maturity: [7, 30, 60, 90].map((days) => ({
        days,
        atm_iv: null,
        atm_iv_1d_ago: null,
        atm_iv_1w_ago: null,
      })),
      curves: [],
    });
  });

  it('404s an unknown product', async () => {
    const response = await get({}, 'NOSUCH');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
  });
});
