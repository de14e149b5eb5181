import { describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { listExpiries } from '@deltastream/core/calendar';
import { yearFraction } from '@deltastream/core/pricing';
import { DailyIvPointSchema, type Product } from '@deltastream/core/schemas';
import { simulateDailyHistory, VOLATILITY_LEVEL, type DailyHistoryOptions } from './daily-history';
import { impliedVolatility } from './volatility-surface';

const catalogue = loadCatalogueFile();
const nifty = catalogue.find((p) => p.symbol === 'NIFTY')!;
const year: Omit<DailyHistoryOptions, 'product'> = {
  seed: 7,
  fromDate: '2025-12-04',
  throughDate: '2026-12-03',
  closeSpot: 21_500,
};

describe('simulateDailyHistory', () => {
  it('is the same for the same seed and another for another seed', () => {
    const once = simulateDailyHistory({ product: nifty, ...year });
    expect(simulateDailyHistory({ product: nifty, ...year })).toEqual(once);
    const other = simulateDailyHistory({ product: nifty, ...year, seed: 8 });
    expect(other.map((day) => day.date)).toEqual(once.map((day) => day.date));
    expect(other.map((day) => day.close)).not.toEqual(once.map((day) => day.close));
    expect(other.map((day) => day.iv.iv_30d)).not.toEqual(once.map((day) => day.iv.iv_30d));
  });

  it("steps over the exchange's weekends and holidays", () => {
    // NSE is closed on Tuesday 2026-11-24 (config/calendars/nse.json).
    const days = simulateDailyHistory({
      product: nifty,
      ...year,
      fromDate: '2026-11-20',
      throughDate: '2026-11-30',
    });
    expect(days.map((day) => day.date)).toEqual([
      '2026-11-20',
      '2026-11-23',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
    ]);
    expect(days.map((day) => day.close_at)).toContain('2026-11-27T10:00:00.000Z'); // 15:30 in Kolkata
    expect(
      simulateDailyHistory({ product: nifty, ...year, fromDate: '2026-11-21', throughDate: '2026-11-22' }),
    ).toEqual([]);
  });

  it('ends at the closing spot, opens each day at the previous close, and keeps every price on the tick grid inside its range', () => {
    for (const product of catalogue) {
      const days = simulateDailyHistory({ product, ...year, closeSpot: product.base_price + 0.004 });
      expect(days.length, product.symbol).toBeGreaterThan(240);
      expect(days.at(-1)?.close).toBe(product.base_price);
      const tick = product.currency === 'INR' ? 0.05 : 0.01;
      days.forEach((day, i) => {
        if (i > 0) expect(day.open).toBe(days[i - 1]!.close);
        expect(day.high).toBeGreaterThanOrEqual(Math.max(day.open, day.close));
        expect(day.low).toBeLessThanOrEqual(Math.min(day.open, day.close));
        expect(day.low).toBeGreaterThan(0);
        for (const price of [day.open, day.high, day.low, day.close]) {
          expect(Math.abs(price / tick - Math.round(price / tick))).toBeLessThan(1e-6);
        }
      });
    }
  });

  it("marks each day's IV point simulated, at the close of its date, from the surface at the day's level", () => {
    const days = simulateDailyHistory({ product: nifty, ...year });
    for (const day of days) {
      expect(DailyIvPointSchema.parse(day.iv)).toEqual(day.iv);
      expect(day.iv).toMatchObject({ date: day.date, source: 'simulated' });
      // The near expiry is the first listed at the close; its ATM IV is the surface's at the strike nearest
      // the close (the lower on a tie) and the expiry's forward.
      const closeMs = Date.parse(day.close_at);
      const near = listExpiries(nifty, closeMs)[0]!;
      expect(day.iv.near_expiry).toBe(near);
      const timeYears = yearFraction(closeMs, Date.parse(`${near}T10:00:00Z`), 'ACT/365');
      const { rate, dividend_yield: q } = nifty.conventions;
      const strike = Math.ceil(day.close / 50 - 0.5) * 50;
      const forward = day.close * Math.exp((rate - q) * timeYears);
      expect(day.iv.atm_iv).toBeCloseTo(impliedVolatility(day.volatility, strike, forward, timeYears), 12);
      // Total variance rises from σ² toward (1.1σ)²: the 30-day IV lies between the two.
      expect(day.iv.iv_30d! / day.volatility).toBeGreaterThan(0.99);
      expect(day.iv.iv_30d! / day.volatility).toBeLessThan(1.11);
    }
  });

  it('moves the underlying by GBM at the day’s level, and the level around the catalogue volatility', () => {
    // Ten years of BUS/252 and ACT/365 days: standardised log returns are N(0, 1) and ln σ has mean ln σ̄
    // and the stationary deviation.
    const check = (product: Product) => {
      const days = simulateDailyHistory({
        product,
        seed: 11,
        fromDate: '2016-12-01',
        throughDate: '2026-11-30',
        closeSpot: product.base_price,
      });
      const { rate, dividend_yield: q } = product.conventions;
      const z = days.slice(1).map((day, i) => {
        const dt = yearFraction(
          Date.parse(days[i]!.close_at),
          Date.parse(day.close_at),
          product.conventions.day_count,
          {
            holidays: product.holidays,
            timeZone: product.time_zone,
          },
        );
        const mean = (rate - q - day.volatility ** 2 / 2) * dt;
        return (Math.log(day.close / day.open) - mean) / (day.volatility * Math.sqrt(dt));
      });
      const n = z.length;
      const zMean = z.reduce((a, b) => a + b, 0) / n;
      const zVariance = z.reduce((a, b) => a + (b - zMean) ** 2, 0) / (n - 1);
      // 4 standard errors (the closes are rounded to the tick, which adds nothing visible at these prices).
      expect(Math.abs(zMean)).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(zVariance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
      const logLevels = days.map((day) => Math.log(day.volatility));
      const levelMean = logLevels.reduce((a, b) => a + b, 0) / logLevels.length;
      const levelSd = Math.sqrt(
        logLevels.reduce((a, b) => a + (b - levelMean) ** 2, 0) / (logLevels.length - 1),
      );
      // Over ten years the mean of ln σ is known to about ±0.04 (σ_s·√(2/κT)) and its deviation to about
      // ±0.03; a month apart (its half-life, about 21 trading days) its values correlate by about ½.
      expect(Math.abs(levelMean - Math.log(product.volatility))).toBeLessThan(0.12);
      expect(Math.abs(levelSd - VOLATILITY_LEVEL.STATIONARY_SD)).toBeLessThan(0.05);
      const lag = 21;
      let covariance = 0;
      for (let i = lag; i < logLevels.length; i += 1) {
        covariance += (logLevels[i]! - levelMean) * (logLevels[i - lag]! - levelMean);
      }
      const autocorrelation = covariance / (logLevels.length - lag) / levelSd ** 2;
      expect(autocorrelation).toBeGreaterThan(0.35);
      expect(autocorrelation).toBeLessThan(0.65);
    };
    check(nifty);
    check({ ...nifty, symbol: 'NIFTYB', conventions: { ...nifty.conventions, day_count: 'BUS/252' } });
  });
});
