import { describe, expect, it } from 'vitest';
import type { IvSource } from '@deltastream/core/schemas';
import { explainQueries, makeProduct } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import { insertDailyCandles } from './daily-candles';
import {
  deleteHistoryBySource,
  getDailyIvPoints,
  getIntradayIvPoints,
  getIvLookback,
  getLatestDailyIv30dPoint,
  getLatestDailyIvPoint,
  getLatestIntradayIvPoint,
  hasDailyIvHistory,
  upsertIvPoints,
  type DailyIvRow,
  type IntradayIvRow,
} from './iv-history';

describe('volatility history: IV points', () => {
  const test = useTestDatabase(
    ['IVA', 'IVB', 'IVC', 'IVD', 'IVE', 'IVF'].map((symbol) => makeProduct(symbol)),
  );

  const minuteStart = Date.parse('2026-03-02T04:00:00.000Z');
  const minute = (m: number) => new Date(minuteStart + m * 60_000).toISOString();
  /** A minute's point of `product` seen at `second` seconds into minute `m`; the IV says which one it is. */
  const intraday = (
    product: string,
    m: number,
    second: number,
    iv: number,
    source: IvSource = 'live',
  ): IntradayIvRow => ({
    product,
    bucket_start: minute(m),
    observed_at: new Date(minuteStart + m * 60_000 + second * 1000).toISOString(),
    iv_30d: iv,
    atm_iv: iv + 0.01,
    near_expiry: '2026-03-05',
    source,
  });
  const daily = (
    product: string,
    date: string,
    observedAt: string,
    iv: number | null,
    source: IvSource = 'live',
  ): DailyIvRow => ({
    product,
    date,
    observed_at: observedAt,
    iv_30d: iv,
    atm_iv: iv === null ? null : iv + 0.01,
    near_expiry: iv === null ? null : '2026-03-05',
    source,
  });
  const pointOf = <T extends { product: string; observed_at: string }>(row: T) => {
    const { product: _product, observed_at: _observedAt, ...point } = row;
    return point;
  };

  it('keeps the later observation of a minute and of a day whichever writer commits last; a replay changes nothing', async () => {
    // Two workers sample minute 0 at 10 s and at 40 s; the later sample commits first.
    const early = intraday('IVA', 0, 10, 0.15);
    const late = intraday('IVA', 0, 40, 0.16);
    const earlyDay = daily('IVA', '2026-03-02', early.observed_at, 0.15);
    const lateDay = daily('IVA', '2026-03-02', late.observed_at, 0.16);
    expect(await upsertIvPoints(test.db, { intraday: [late], daily: [lateDay] })).toEqual({
      intraday: 1,
      daily: 1,
    });
    expect(await upsertIvPoints(test.db, { intraday: [early], daily: [earlyDay] })).toEqual({
      intraday: 0,
      daily: 0,
    });
    // In the other order the later one replaces the earlier.
    const nextEarly = intraday('IVA', 1, 5, 0.17);
    const nextLate = intraday('IVA', 1, 50, 0.18);
    expect(await upsertIvPoints(test.db, { intraday: [nextEarly] })).toEqual({ intraday: 1, daily: 0 });
    expect(
      await upsertIvPoints(test.db, {
        intraday: [nextLate],
        daily: [daily('IVA', '2026-03-02', nextLate.observed_at, 0.18)],
      }),
    ).toEqual({ intraday: 1, daily: 1 });
    // Replays of both writers' points.
    for (const replay of [late, nextLate, early]) {
      expect(await upsertIvPoints(test.db, { intraday: [replay], daily: [lateDay] })).toEqual({
        intraday: 0,
        daily: 0,
      });
    }

    expect(await getIntradayIvPoints(test.db, { product: 'IVA', limit: 10 })).toEqual([
      pointOf(late),
      pointOf(nextLate),
    ]);
    expect(await getDailyIvPoints(test.db, { product: 'IVA', limit: 10 })).toEqual([
      pointOf(daily('IVA', '2026-03-02', nextLate.observed_at, 0.18)),
    ]);
  });

  it('lets a live point replace a simulated one, never the reverse, and keeps the better of a batch', async () => {
    const simulated = daily('IVB', '2026-03-02', '2026-03-02T10:00:00.000Z', 0.2, 'simulated');
    const live = daily('IVB', '2026-03-02', '2026-03-02T04:00:00.000Z', 0.14);
    expect(await upsertIvPoints(test.db, { daily: [simulated] })).toEqual({ intraday: 0, daily: 1 });
    // Observed earlier in the day than the simulated close, and still the market's.
    expect(await upsertIvPoints(test.db, { daily: [live] })).toEqual({ intraday: 0, daily: 1 });
    const laterSimulated = { ...simulated, observed_at: '2026-03-02T12:00:00.000Z', iv_30d: 0.3 };
    expect(await upsertIvPoints(test.db, { daily: [laterSimulated] })).toEqual({ intraday: 0, daily: 0 });
    expect(await getLatestDailyIvPoint(test.db, 'IVB')).toEqual(pointOf(live));

    // One statement, several points of one minute: the live one, and of those the latest.
    const batch = [
      intraday('IVB', 0, 59, 0.3, 'simulated'),
      intraday('IVB', 0, 20, 0.21),
      intraday('IVB', 0, 30, 0.22),
      intraday('IVB', 0, 10, 0.2),
    ];
    expect(await upsertIvPoints(test.db, { intraday: batch })).toEqual({ intraday: 1, daily: 0 });
    expect(await getLatestIntradayIvPoint(test.db, 'IVB')).toEqual(pointOf(batch[2]!));
  });

  it('reads the latest `limit` points of a range oldest first, and the latest point', async () => {
    await upsertIvPoints(test.db, {
      intraday: [0, 1, 2, 3, 4].map((m) => intraday('IVC', m, 0, 0.1 + m / 100)),
      daily: ['2026-02-26', '2026-02-27', '2026-03-02', '2026-03-03'].map((date, i) =>
        daily('IVC', date, `${date}T10:00:00.000Z`, 0.1 + i / 100),
      ),
    });
    const minutes = async (query: Parameters<typeof getIntradayIvPoints>[1]) =>
      (await getIntradayIvPoints(test.db, query)).map((point) => point.bucket_start);
    expect(await minutes({ product: 'IVC', limit: 2 })).toEqual([minute(3), minute(4)]);
    expect(
      await minutes({ product: 'IVC', start: new Date(minute(1)), end: new Date(minute(3)), limit: 10 }),
    ).toEqual([minute(1), minute(2)]);
    expect(await minutes({ product: 'IVC', end: new Date(minute(3)), limit: 2 })).toEqual([
      minute(1),
      minute(2),
    ]);
    expect((await getLatestIntradayIvPoint(test.db, 'IVC'))?.bucket_start).toBe(minute(4));

    const dates = async (query: Parameters<typeof getDailyIvPoints>[1]) =>
      (await getDailyIvPoints(test.db, query)).map((point) => point.date);
    expect(await dates({ product: 'IVC', limit: 3 })).toEqual(['2026-02-27', '2026-03-02', '2026-03-03']);
    expect(
      await dates({ product: 'IVC', startDate: '2026-02-27', endDate: '2026-03-03', limit: 10 }),
    ).toEqual(['2026-02-27', '2026-03-02']);
    expect((await getLatestDailyIvPoint(test.db, 'IVC'))?.date).toBe('2026-03-03');

    expect(await getLatestIntradayIvPoint(test.db, 'IVD')).toBeNull();
    expect(await getLatestDailyIvPoint(test.db, 'IVD')).toBeNull();
    expect(await hasDailyIvHistory(test.db, 'IVD')).toBe(false);
    expect(await hasDailyIvHistory(test.db, 'IVC')).toBe(true);
  });

  it('gives IV rank the last days before a date that have a 30-day IV, oldest first', async () => {
    // Thirty days of March with values 0.101 … 0.130, the 10th without a 30-day IV.
    const days = Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    await upsertIvPoints(test.db, {
      daily: days.map((date, i) =>
        daily('IVD', date, `${date}T10:00:00.000Z`, date === '2026-03-10' ? null : (101 + i) / 1000),
      ),
    });
    expect(await getIvLookback(test.db, { product: 'IVD', beforeDate: '2026-03-13', days: 4 })).toEqual([
      0.108, 0.109, 0.111, 0.112,
    ]);
    const all = await getIvLookback(test.db, { product: 'IVD', beforeDate: '2026-03-31' });
    expect(all).toHaveLength(29);
    expect(all[0]).toBe(0.101);
    expect(all.at(-1)).toBe(0.13);
    expect(await getIvLookback(test.db, { product: 'IVD', beforeDate: '2026-03-01' })).toEqual([]);
  });

  it('finds the latest day that has a 30-day IV, past days without one', async () => {
    expect(await getLatestDailyIv30dPoint(test.db, 'IVF')).toBeNull();
    const closes = [
      daily('IVF', '2026-03-02', '2026-03-02T10:00:00.000Z', 0.15),
      daily('IVF', '2026-03-03', '2026-03-03T10:00:00.000Z', 0.16),
      daily('IVF', '2026-03-04', '2026-03-04T04:00:00.000Z', null),
    ];
    await upsertIvPoints(test.db, { daily: closes });
    expect((await getLatestDailyIvPoint(test.db, 'IVF'))?.date).toBe('2026-03-04');
    expect(await getLatestDailyIv30dPoint(test.db, 'IVF')).toEqual(pointOf(closes[1]!));
  });

  it('deletes one source of history, of the products named, and leaves the rest', async () => {
    await upsertIvPoints(test.db, {
      intraday: [intraday('IVE', 0, 0, 0.2, 'simulated'), intraday('IVE', 1, 0, 0.2)],
      daily: [
        daily('IVE', '2026-03-02', '2026-03-02T10:00:00.000Z', 0.2, 'simulated'),
        daily('IVE', '2026-03-03', '2026-03-03T10:00:00.000Z', 0.2),
      ],
    });
    await insertDailyCandles(
      test.db,
      ['IVE', 'IVB'].map((product) => ({
        product,
        date: '2026-03-02',
        open: 1,
        high: 2,
        low: 1,
        close: 2,
        volume: 0,
        source: 'simulated' as const,
      })),
    );
    expect(await deleteHistoryBySource(test.db, { source: 'simulated', products: ['IVE'] })).toEqual({
      ivIntradayPoints: 1,
      ivDailyPoints: 1,
      dailyCandles: 1,
    });
    expect((await getIntradayIvPoints(test.db, { product: 'IVE', limit: 10 })).map((p) => p.source)).toEqual([
      'live',
    ]);
    expect((await getDailyIvPoints(test.db, { product: 'IVE', limit: 10 })).map((p) => p.date)).toEqual([
      '2026-03-03',
    ]);
    // IVB's simulated points had been replaced by live ones; its candle goes.
    expect(await deleteHistoryBySource(test.db, { source: 'simulated' })).toEqual({
      ivIntradayPoints: 0,
      ivDailyPoints: 0,
      dailyCandles: 1,
    });
  });

  it('reads the latest point and a range off the primary keys', async () => {
    const dayMs = 86_400_000;
    await upsertIvPoints(test.db, {
      intraday: Array.from({ length: 2_000 }, (_, m) => intraday('IVE', 100 + m, 0, 0.2)),
      daily: Array.from({ length: 2_000 }, (_, d) => {
        const date = new Date(Date.parse('2020-01-01') + d * dayMs).toISOString().slice(0, 10);
        return daily('IVE', date, `${date}T10:00:00.000Z`, 0.2);
      }),
    });
    await test.sql`analyze iv_intraday_points`;
    await test.sql`analyze iv_daily_points`;
    const plans = [
      await explainQueries(test.sql, (db) => getLatestIntradayIvPoint(db, 'IVE')),
      await explainQueries(test.sql, (db) =>
        getIntradayIvPoints(db, {
          product: 'IVE',
          start: new Date(minute(500)),
          end: new Date(minute(560)),
          limit: 100,
        }),
      ),
      await explainQueries(test.sql, (db) => getLatestDailyIvPoint(db, 'IVE')),
      await explainQueries(test.sql, (db) => getLatestDailyIv30dPoint(db, 'IVE')),
      await explainQueries(test.sql, (db) =>
        getIvLookback(db, { product: 'IVE', beforeDate: '2023-01-01', days: 20 }),
      ),
    ];
    for (const plan of plans) {
      expect(plan).toMatch(
        /(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) iv_(intraday|daily)_points_product_\w+_pk/,
      );
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });
});
