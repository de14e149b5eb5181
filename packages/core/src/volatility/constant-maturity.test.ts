import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from '../analytics';
import { act365Expiry } from '../testing/act365-expiry';
import { calendarDaysToYears, constantMaturityAtmIv } from './constant-maturity';

describe('constantMaturityAtmIv', () => {
  it('interpolates total variance linearly in time between the expiries 23 and 37 days away', () => {
    // w = σ²·T with T in years of 365 days; 365·w₂₃ = 0.20²·23 = 0.92, 365·w₃₇ = 0.25²·37 = 2.3125.
    // 365·w₃₀ = 0.92 + (2.3125 − 0.92)·(30 − 23)/(37 − 23) = 0.92 + 0.69625 = 1.61625.
    // σ₃₀ = √(w₃₀ / (30/365)) = √(1.61625 / 30) = √0.053875 = 0.2321098877687032…
    // (linear in σ would give 0.225, linear in variance σ² 0.2264).
    const result = constantMaturityAtmIv([
      act365Expiry('2026-12-17', 23, 0.2),
      act365Expiry('2026-12-31', 37, 0.25),
    ]);
    expect(result?.iv).toBeCloseTo(0.232109887768703, 13);
    expect(result).toMatchObject({
      method: 'interpolated',
      near_expiry: '2026-12-17',
      far_expiry: '2026-12-31',
    });
  });

  it('takes expiries in any order, skips one without an ATM IV and uses the pair around the target', () => {
    const result = constantMaturityAtmIv([
      act365Expiry('2027-01-28', 65, 0.4),
      act365Expiry('2026-12-31', 37, 0.25),
      act365Expiry('2026-12-21', 27, null),
      act365Expiry('2026-12-17', 23, 0.2),
      act365Expiry('2026-12-10', 16, 0.5),
    ]);
    expect(result?.iv).toBeCloseTo(0.232109887768703, 13);
    expect(result?.near_expiry).toBe('2026-12-17');
  });

  it('reads an expiry exactly at the target as its own IV', () => {
    const result = constantMaturityAtmIv(
      [act365Expiry('2026-12-17', 23, 0.2), act365Expiry('2026-12-31', 37, 0.25)],
      23,
    );
    expect(result?.iv).toBeCloseTo(0.2, 15);
    expect(result?.near_expiry).toBe('2026-12-17');
  });

  it('leaves out expiries under 7 days unless told otherwise', () => {
    const expiries = [
      act365Expiry('2026-11-27', 3, 0.4),
      act365Expiry('2026-12-04', 10, 0.2),
      act365Expiry('2027-01-03', 40, 0.3),
    ];
    // Default: the 3-day expiry is out, so 7 days lies before the first expiry left → flat at 0.2.
    expect(constantMaturityAtmIv(expiries, 7)).toEqual({
      iv: 0.2,
      method: 'flat_before_first',
      near_expiry: null,
      far_expiry: '2026-12-04',
    });
    // minDaysToExpiry 1: 365·w₇ = 0.4²·3 + (0.2²·10 − 0.4²·3)·(7 − 3)/(10 − 3) = 0.48 − 0.32/7 = 3.04/7,
    // σ₇ = √((3.04/7) / 7) = √(3.04/49) = 0.2490799396308956…
    expect(constantMaturityAtmIv(expiries, 7, { minDaysToExpiry: 1 })?.iv).toBeCloseTo(0.249079939630896, 13);
  });

  it('extrapolates flat volatility beyond the last expiry and before the first', () => {
    expect(
      constantMaturityAtmIv([act365Expiry('2026-12-04', 10, 0.2), act365Expiry('2026-12-14', 20, 0.25)]),
    ).toEqual({
      iv: 0.25,
      method: 'flat_after_last',
      near_expiry: '2026-12-14',
      far_expiry: null,
    });
    expect(
      constantMaturityAtmIv([act365Expiry('2027-01-03', 40, 0.3), act365Expiry('2027-01-23', 60, 0.35)]),
    ).toEqual({
      iv: 0.3,
      method: 'flat_before_first',
      near_expiry: null,
      far_expiry: '2027-01-03',
    });
  });

  it('targets the same year fraction, 30/365, under BUS/252', () => {
    // Expiries 15 and 25 business days away: T = 15/252 and 25/252. The target 30/365 of a year is
    // 30·252/365 = 20.7123287… business days. 252·w = 0.2²·15 + (0.3²·25 − 0.2²·15)·(20.7123287 − 15)/10
    // = 0.6 + 1.65·0.57123287 = 1.5425342…, σ = √(1.5425342 / 20.7123287) = 0.2728996268762681…
    expect(calendarDaysToYears(30)).toBe(30 / 365);
    const result = constantMaturityAtmIv([
      { expiry: '2026-12-15', time_to_expiry_years: 15 / 252, atm_iv: 0.2 },
      { expiry: '2026-12-29', time_to_expiry_years: 25 / 252, atm_iv: 0.3 },
    ]);
    expect(result?.iv).toBeCloseTo(0.272899626876268, 13);
  });

  it('is null when no expiry qualifies', () => {
    expect(constantMaturityAtmIv([])).toBeNull();
    expect(constantMaturityAtmIv([act365Expiry('2026-12-17', 23, null)])).toBeNull();
    expect(
      constantMaturityAtmIv([act365Expiry('2026-11-27', 3, 0.2), act365Expiry('2026-11-24', 0, 0.3)]),
    ).toBeNull();
  });

  it('rejects malformed expiries, naming the field', () => {
    expect(() =>
      constantMaturityAtmIv([act365Expiry('2026-12-17', 23, 0.2), act365Expiry('2026-12-17', 23, 0.2)]),
    ).toThrow(new AnalyticsInputError('expiries[1].expiry', 'duplicate expiry'));
    expect(() => constantMaturityAtmIv([act365Expiry('17/12/2026', 23, 0.2)])).toThrow('expiries[0].expiry');
    expect(() => constantMaturityAtmIv([act365Expiry('2026-12-17', -1, 0.2)])).toThrow(
      'expiries[0].time_to_expiry_years: must be a finite number ≥ 0, got -0.0027',
    );
    expect(() => constantMaturityAtmIv([act365Expiry('2026-12-17', 23, Number.NaN)])).toThrow(
      'expiries[0].atm_iv: must be null or a finite number ≥ 0, got NaN',
    );
    expect(() =>
      constantMaturityAtmIv([act365Expiry('2026-12-31', 23, 0.2), act365Expiry('2026-12-17', 37, 0.25)]),
    ).toThrow(
      new AnalyticsInputError(
        'expiries[0].time_to_expiry_years',
        'must exceed that of the earlier expiry 2026-12-17',
      ),
    );
    expect(() => constantMaturityAtmIv([act365Expiry('2026-12-17', 23, 0.2)], 0)).toThrow(
      'targetDays: must be a finite number > 0, got 0',
    );
    expect(() =>
      constantMaturityAtmIv([act365Expiry('2026-12-17', 23, 0.2)], 30, { minDaysToExpiry: -1 }),
    ).toThrow('minDaysToExpiry');
  });
});
