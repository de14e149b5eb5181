import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, zonedDate } from '@deltastream/core/calendar';
import type { IvSource } from '@deltastream/core/schemas';
import { ivRankAndPercentile } from '@deltastream/core/volatility';
import { upsertIvPoints, type DailyIvRow, type IntradayIvRow } from '@deltastream/db/queries';
import type { IvHistoryPoint, IvHistoryResponse } from '../../contracts/volatility-history';
import { expectFieldErrors, testProduct, uniqueSymbol, useMarketTest } from '../../server/market-fixtures';
import { ivHistoryRoute } from './iv-history';
import { RANGE_FIELD_ERRORS } from './range-query-cases';

// Products on the Kolkata clock (UTC+05:30): a month of daily closes ending today, and minutes either
// side of an exchange midnight; one with no history, one without a 30-day IV, one whose today has none
// yet, one with a week of history.
const symbol = uniqueSymbol();
const empty = uniqueSymbol();
const noIv = uniqueSymbol();
const lagging = uniqueSymbol();
const young = uniqueSymbol();
const today = zonedDate(Date.now(), 'Asia/Kolkata');
const dateOf = (i: number) => addCalendarDays(today, i - 24);
/** 30-day IVs 10%, 11%, …, 33% on the 24 days before today, and 30% today. */
const ivOf = (i: number) => (i === 24 ? 0.3 : 0.1 + 0.01 * i);
const daily = (product: string, i: number, iv: number | null, source: IvSource): DailyIvRow => ({
  product,
  date: dateOf(i),
  observed_at: `${dateOf(i)}T10:00:00.000Z`,
  iv_30d: iv,
  atm_iv: iv === null ? null : iv + 0.005,
  near_expiry: iv === null ? null : addCalendarDays(today, 3),
  source,
});
/** The first 20 days simulated, the last five live. */
const days = Array.from({ length: 25 }, (_, i) => daily(symbol, i, ivOf(i), i < 20 ? 'simulated' : 'live'));
// 23:59 and 00:00 in Kolkata across the night of 1–2 March 2026, then 09:30 and 09:31.
const minuteStarts = [
  '2026-03-01T18:29:00.000Z',
  '2026-03-01T18:30:00.000Z',
  '2026-03-02T04:00:00.000Z',
  '2026-03-02T04:01:00.000Z',
];
const minutes: IntradayIvRow[] = minuteStarts.map((bucketStart, i) => ({
  product: symbol,
  bucket_start: bucketStart,
  observed_at: bucketStart,
  iv_30d: 0.2 + i / 100,
  atm_iv: 0.21 + i / 100,
  near_expiry: '2026-03-03',
  source: 'live',
}));

const asDailyPoint = ({ product: _product, observed_at: _observed, date, ...levels }: DailyIvRow) => ({
  date,
  bucket_start: null,
  ...levels,
});
const asMinutePoint =
  (date: string) =>
  ({ product: _product, observed_at: _observed, ...point }: IntradayIvRow): IvHistoryPoint => ({
    date,
    ...point,
  });

const { web, productGet } = useMarketTest([symbol, empty, noIv, lagging, young].map((s) => testProduct(s)));

beforeAll(async () => {
  await upsertIvPoints(web.ctx.db, {
    intraday: minutes,
    daily: [
      ...days,
      daily(noIv, 24, null, 'live'),
      ...days.slice(0, 24).map((day) => ({ ...day, product: lagging })),
      daily(lagging, 24, null, 'live'),
      ...[18, 19, 20, 21, 22, 23].map((i) => daily(young, i, ivOf(i), 'simulated')),
      daily(young, 24, 0.3, 'live'),
    ],
  });
});

const get = productGet<IvHistoryResponse>(ivHistoryRoute);

describe('GET /api/analytics/iv-history/{product}', () => {
  it('serves the daily closes oldest first, simulated days marked, with the IV rank of today over the year before', async () => {
    const { status, body } = await get({});
    expect(status).toBe(200);
    expect(body.product).toBe(symbol);
    expect(body.interval).toBe('1d');
    expect(body.points).toEqual(days.map(asDailyPoint));
    expect(body.points.filter((point) => point.source === 'simulated')).toHaveLength(20);
    // 24 days from 10% to 33% before today's 30%: rank (30 − 10) / (33 − 10), 20 of 24 days lower.
    expect(body.rank).toEqual({
      date: today,
      source: 'live',
      lookback_days: 252,
      current_iv: 0.3,
      history_days: 24,
      low_iv: 0.1,
      high_iv: 0.33,
      iv_rank: expect.closeTo((100 * 20) / 23, 10),
      iv_percentile: expect.closeTo((100 * 20) / 24, 10),
      reason: null,
    });
    expect(body.rank).toMatchObject(
      ivRankAndPercentile(
        days.slice(0, 24).map((day) => day.iv_30d!),
        0.3,
      ),
    );
  });

  it('looks back `lookback` daily values: the last 20 run from 14% to 33%', async () => {
    const { body } = await get({ lookback: '20' });
    expect(body.rank).toMatchObject({ lookback_days: 20, history_days: 20, low_iv: 0.14, high_iv: 0.33 });
    expect(body.rank.iv_rank).toBeCloseTo((100 * 16) / 19, 10);
    expect(body.rank.iv_percentile).toBeCloseTo(80, 10);
  });

  it('keeps the days of [start, end), the last `days` dates or the latest `limit`', async () => {
    const points = (await get({ start: dateOf(10), end: dateOf(13) })).body.points;
    expect(points.map((point) => point.date)).toEqual([dateOf(10), dateOf(11), dateOf(12)]);
    // An instant stands for its exchange date: noon in Kolkata of day 10 keeps day 10's close.
    const fromNoon = (await get({ start: `${dateOf(10)}T12:00:00+05:30`, end: dateOf(11) })).body.points;
    expect(fromNoon.map((point) => point.date)).toEqual([dateOf(10)]);
    expect((await get({ days: '5' })).body.points).toEqual(days.slice(20).map(asDailyPoint));
    expect((await get({ days: '1' })).body.points.map((point) => point.date)).toEqual([today]);
    expect((await get({ limit: '3' })).body.points).toEqual(days.slice(22).map(asDailyPoint));
  });

  it('serves minutes with `interval=1m`, dated on the exchange clock, dates read as its midnight', async () => {
    const all = await get({ interval: '1m' });
    expect(all.body.interval).toBe('1m');
    expect(all.body.points).toEqual([
      asMinutePoint('2026-03-01')(minutes[0]!),
      ...minutes.slice(1).map(asMinutePoint('2026-03-02')),
    ]);
    // The rank is today's whatever the interval.
    expect(all.body.rank.date).toBe(today);
    const fromMidnight = await get({ interval: '1m', start: '2026-03-02', end: '2026-03-02T04:01:00Z' });
    expect(fromMidnight.body.points.map((point) => point.bucket_start)).toEqual(minuteStarts.slice(1, 3));
    const latest = await get({ interval: '1m', limit: '2' });
    expect(latest.body.points.map((point) => point.bucket_start)).toEqual(minuteStarts.slice(2));
  });

  it('ranks the latest day that has a 30-day IV when today has none yet', async () => {
    // 33% is the highest of the 24 days: rank 100, and all 23 days before it lower.
    expect((await get({}, lagging)).body.rank).toEqual({
      date: dateOf(23),
      source: 'live',
      lookback_days: 252,
      current_iv: ivOf(23),
      history_days: 23,
      low_iv: 0.1,
      high_iv: ivOf(23),
      iv_rank: 100,
      iv_percentile: 100,
      reason: null,
    });
  });

  it('says why the rank is null: no history, no 30-day IV at all, under 20 days of history', async () => {
    const none = await get({}, empty);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({
      product: empty,
      interval: '1d',
      points: [],
      rank: {
        date: null,
        source: null,
        lookback_days: 252,
        current_iv: null,
        history_days: 0,
        low_iv: null,
        high_iv: null,
        iv_rank: null,
        iv_percentile: null,
        reason: 'no_history',
      },
    });
    expect((await get({}, noIv)).body.rank).toMatchObject({
      date: null,
      current_iv: null,
      history_days: 0,
      iv_rank: null,
      reason: 'no_current_iv',
    });
    expect((await get({}, young)).body.rank).toMatchObject({
      current_iv: 0.3,
      history_days: 6,
      low_iv: 0.28,
      high_iv: 0.33,
      iv_rank: null,
      iv_percentile: null,
      reason: 'insufficient_history',
    });
  });

  it('400s a bad parameter or range, naming the field', async () => {
    await expectFieldErrors(get, [
      [{ interval: '5m' }, 'interval'],
      [{ limit: '5001' }, 'limit'],
      [{ lookback: '19' }, 'lookback'],
      [{ lookback: '1261' }, 'lookback'],
      // Minutes read instants: the Kolkata midnight of 2 March is 18:30 UTC on 1 March.
      [{ interval: '1m', start: '2026-03-02', end: '2026-03-01T18:30:00Z' }, 'end'],
      ...RANGE_FIELD_ERRORS,
    ]);
  });

  it('404s an unknown product', async () => {
    const response = await get({}, 'NOSUCH');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND', field: 'product' } });
  });
});
