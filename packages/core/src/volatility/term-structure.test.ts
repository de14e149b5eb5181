import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from '../analytics';
import { act365Expiry } from '../testing/act365-expiry';
import { TermStructureComparisonSchema, TermStructurePointSchema, type TermStructurePoint } from '../schemas';
import { atmTermStructure, compareTermStructures, type ChainAtmIv } from './term-structure';

// 10:00 UTC on 24 Nov 2026 is 15:30 in Kolkata, the same date.
const timestamp = '2026-11-24T10:00:00Z';
const chain = (expiry: string, days: number, atmIv: number | null): ChainAtmIv => ({
  ...act365Expiry(expiry, days, atmIv),
  timestamp,
});

describe('atmTermStructure', () => {
  it('lists the ATM IV of each unexpired expiry, ascending, with calendar days to expiry', () => {
    const points = atmTermStructure(
      [
        chain('2026-12-29', 34.9, 0.16),
        chain('2026-11-24', 0, null),
        chain('2026-11-25', 0.9, 0.2),
        chain('2026-12-01', 6.9, null),
      ],
      'Asia/Kolkata',
    );
    expect(points).toEqual([
      { expiry: '2026-11-25', days_to_expiry: 1, time_to_expiry_years: 0.9 / 365, atm_iv: 0.2 },
      { expiry: '2026-12-01', days_to_expiry: 7, time_to_expiry_years: 6.9 / 365, atm_iv: null },
      { expiry: '2026-12-29', days_to_expiry: 35, time_to_expiry_years: 34.9 / 365, atm_iv: 0.16 },
    ]);
    for (const point of points) expect(TermStructurePointSchema.parse(point)).toEqual(point);
  });

  it('counts days from the exchange date of the snapshot', () => {
    // 20:00 UTC on 24 Nov is 01:30 on 25 Nov in Kolkata: 0 days to the 25 Nov expiry there, 1 in UTC.
    const late = { ...chain('2026-11-25', 0.5, 0.2), timestamp: '2026-11-24T20:00:00Z' };
    expect(atmTermStructure([late], 'Asia/Kolkata')[0]!.days_to_expiry).toBe(0);
    expect(atmTermStructure([late], 'UTC')[0]!.days_to_expiry).toBe(1);
  });

  it('rejects inconsistent chains, naming the field', () => {
    expect(() => atmTermStructure([{ ...chain('2026-11-25', 1, 0.2), timestamp: 'now' }], 'UTC')).toThrow(
      'chains[0].timestamp: must be an ISO-8601 date-time, got now',
    );
    expect(() => atmTermStructure([chain('2026-11-20', 1, 0.2)], 'UTC')).toThrow(
      new AnalyticsInputError('chains[0].timestamp', 'is after the expiry date 2026-11-20'),
    );
    expect(() => atmTermStructure([chain('2026-11-25', 1, 0.2), chain('2026-11-25', 1, 0.2)], 'UTC')).toThrow(
      'chains[1].expiry: duplicate expiry',
    );
    expect(() => atmTermStructure([], 'Nowhere/Special')).toThrow('timeZone');
  });
});

const point = (expiry: string, days: number, atmIv: number | null): TermStructurePoint => ({
  ...act365Expiry(expiry, days, atmIv),
  days_to_expiry: Math.ceil(days),
});

describe('compareTermStructures', () => {
  // Today: expiries 23 and 37 days away. A day ago the same expiries were 24 and 38 days away, plus one
  // that has expired since. A week ago the 37-day expiry was not listed yet.
  const current = [point('2026-12-17', 23, 0.2), point('2026-12-31', 37, 0.25)];
  const dayAgo = [point('2026-11-24', 1, 0.5), point('2026-12-17', 24, 0.21), point('2026-12-31', 38, 0.24)];
  const weekAgo = [point('2026-12-17', 30, 0.18)];

  it('aligns the same expiries and the same constant maturities', () => {
    const comparison = compareTermStructures(
      current,
      { dayAgo, weekAgo },
      { constantMaturitiesDays: [30, 7] },
    );
    expect(comparison.expiries).toEqual([
      { expiry: '2026-12-17', days_to_expiry: 23, atm_iv: 0.2, atm_iv_1d_ago: 0.21, atm_iv_1w_ago: 0.18 },
      { expiry: '2026-12-31', days_to_expiry: 37, atm_iv: 0.25, atm_iv_1d_ago: 0.24, atm_iv_1w_ago: null },
    ]);
    const [sevenDay, thirtyDay] = comparison.constant_maturity;
    // 7 days: before the first usable expiry of every curve (the 1-day one is under 7 days) → flat.
    expect(sevenDay).toEqual({ days: 7, atm_iv: 0.2, atm_iv_1d_ago: 0.21, atm_iv_1w_ago: 0.18 });
    // 30 days today: √(1.61625/30) as in constantMaturityAtmIv's 23/37-day case.
    // A day ago: 365·w = 0.21²·24 + (0.24²·38 − 0.21²·24)·(30 − 24)/(38 − 24)
    //   = 1.0584 + (2.1888 − 1.0584)·6/14 = 1.0584 + 0.48445714… = 1.54285714…, σ = √(1.54285714/30) = 0.22677868…
    // A week ago: the one expiry is exactly 30 days away → 0.18.
    expect(thirtyDay!.days).toBe(30);
    expect(thirtyDay!.atm_iv).toBeCloseTo(0.232109887768703, 13);
    expect(thirtyDay!.atm_iv_1d_ago).toBeCloseTo(0.226778683805536, 13);
    expect(thirtyDay!.atm_iv_1w_ago).toBeCloseTo(0.18, 13);
    expect(TermStructureComparisonSchema.parse(comparison)).toEqual(comparison);
  });

  it('leaves the earlier columns null when there is no earlier curve', () => {
    const comparison = compareTermStructures(current, { dayAgo: null, weekAgo: null });
    expect(comparison.expiries.every((row) => row.atm_iv_1d_ago === null && row.atm_iv_1w_ago === null)).toBe(
      true,
    );
    expect(comparison.constant_maturity.map((row) => row.days)).toEqual([7, 30, 60, 90]);
    expect(comparison.constant_maturity.map((row) => row.atm_iv_1w_ago)).toEqual([null, null, null, null]);
    // 60 and 90 days lie beyond the last expiry: flat at its 0.25.
    expect(comparison.constant_maturity.map((row) => row.atm_iv).slice(2)).toEqual([0.25, 0.25]);
  });

  it('names the curve that holds a malformed point, and a bad maturity', () => {
    expect(() =>
      compareTermStructures(current, { dayAgo: [point('2026-12-17', 24, -0.2)], weekAgo: null }),
    ).toThrow('dayAgo[0].atm_iv: must be null or a finite number ≥ 0, got -0.2');
    const none = { dayAgo: null, weekAgo: null };
    expect(() => compareTermStructures(current, none, { constantMaturitiesDays: [30, 0] })).toThrow(
      'constantMaturitiesDays[1]: must be a finite number > 0, got 0',
    );
    expect(() => compareTermStructures(current, none, { constantMaturitiesDays: [30, 30] })).toThrow(
      new AnalyticsInputError('constantMaturitiesDays[1]', 'duplicate maturity'),
    );
  });
});
