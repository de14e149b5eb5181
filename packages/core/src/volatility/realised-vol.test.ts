import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from '../analytics';
import { RealisedVolPointSchema } from '../schemas';
import {
  closeToCloseVol,
  ivRvSpreadPoints,
  latestRealisedVol,
  parkinsonVol,
  realisedVolSeries,
  type DailyCandle,
} from './realised-vol';

// Six closes whose log returns are 0.01, −0.02, 0.03, 0.00, 0.02.
const closes = [0.0, 0.01, -0.01, 0.02, 0.02, 0.04].map((logPrice) => 100 * Math.exp(logPrice));
// mean return 0.04/5 = 0.008; deviations 0.002, −0.028, 0.022, −0.008, 0.012;
// squares (×10⁻⁶) 4 + 784 + 484 + 64 + 144 = 1480; sample variance 1480·10⁻⁶/4 = 370·10⁻⁶;
// annualised √(370·10⁻⁶ · 252) = √0.09324 = 0.3053522555999873…
const CLOSE_TO_CLOSE_6 = 0.305352255599987;

// Three ranges with ln(H/L) = 0.02, 0.01, 0.03: mean of squares (4 + 1 + 9)·10⁻⁴/3 = 4.6667·10⁻⁴;
// σ² = 4.6667·10⁻⁴ / (4 ln 2) · 252 = 4.6667·10⁻⁴ / 2.7725887 · 252 = 0.0424152…, σ = 0.2059495914104603…
const ranges = [0.02, 0.01, 0.03].map((logRange) => ({ high: 100 * Math.exp(logRange), low: 100 }));
const PARKINSON_3 = 0.20594959141046;

/** A daily candle of the Asia/Kolkata day `date`: it starts at local midnight, 18:30 UTC the day before. */
function istCandle(date: string, high: number, low: number, close: number): DailyCandle {
  return {
    bucket_start: new Date(`${date}T00:00:00+05:30`).toISOString(),
    interval_seconds: 86_400,
    high,
    low,
    close,
  };
}

const dates = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23'];
// Six days closing on `closes`; the last five have the ranges ln(H/L) = 0.02, 0.02, 0.01, 0.03, 0.01.
const logRanges = [0.05, 0.02, 0.02, 0.01, 0.03, 0.01];
const candles = dates.map((date, i) =>
  istCandle(date, closes[i]! * Math.exp(logRanges[i]!), closes[i]!, closes[i]!),
);

describe('closeToCloseVol', () => {
  it('is the annualised sample standard deviation of log returns (6 closes)', () => {
    expect(closeToCloseVol(closes)).toBeCloseTo(CLOSE_TO_CLOSE_6, 14);
  });

  it('is 0 for constant closes', () => {
    expect(closeToCloseVol([100, 100, 100])).toBe(0);
  });

  it('needs three positive closes', () => {
    expect(() => closeToCloseVol([])).toThrow(
      new AnalyticsInputError('closes', 'needs at least 3 closes (2 returns), got 0'),
    );
    expect(() => closeToCloseVol([100])).toThrow('closes: needs at least 3 closes (2 returns), got 1');
    expect(() => closeToCloseVol([100, 101])).toThrow('got 2');
    expect(() => closeToCloseVol([100, 0, 101])).toThrow('closes[1]: must be a finite number > 0, got 0');
    expect(() => closeToCloseVol([100, 101, -5])).toThrow('closes[2]');
  });
});

describe('parkinsonVol', () => {
  it('is √(mean(ln(H/L)²) / (4 ln 2) · 252) (3 candles)', () => {
    expect(parkinsonVol(ranges)).toBeCloseTo(PARKINSON_3, 14);
  });

  it('is 0 when high equals low', () => {
    expect(parkinsonVol([{ high: 100, low: 100 }])).toBe(0);
  });

  it('rejects no candles, non-positive prices and a high below the low', () => {
    expect(() => parkinsonVol([])).toThrow(new AnalyticsInputError('candles', 'must not be empty'));
    expect(() => parkinsonVol([{ high: 100, low: 0 }])).toThrow(
      'candles[0].low: must be a finite number > 0, got 0',
    );
    expect(() => parkinsonVol([ranges[0]!, { high: 99, low: 100 }])).toThrow(
      'candles[1].high: must be ≥ low (100), got 99',
    );
  });
});

describe('realisedVolSeries', () => {
  it('rolls both estimators over a window, dated in the exchange time zone', () => {
    // Window 5 needs 6 candles: one point, on the last day. Its close-to-close uses all six closes;
    // its Parkinson the last five ranges: (4 + 4 + 1 + 9 + 1)·10⁻⁴/5 = 3.8·10⁻⁴ →
    // √(3.8·10⁻⁴ / (4 ln 2) · 252) = 0.1858443…
    const points = realisedVolSeries(candles, { timeZone: 'Asia/Kolkata', windows: [5] });
    expect(points).toHaveLength(1);
    expect(points[0]!.date).toBe('2026-11-23');
    expect(points[0]!.window_days).toBe(5);
    expect(points[0]!.close_to_close).toBeCloseTo(CLOSE_TO_CLOSE_6, 14);
    expect(points[0]!.parkinson).toBeCloseTo(0.185844341530437, 14);
    expect(RealisedVolPointSchema.parse(points[0])).toEqual(points[0]);
  });

  it('gives each window a point per day once it has enough candles, ascending by date then window', () => {
    const shuffled = [candles[3]!, candles[0]!, candles[5]!, candles[1]!, candles[4]!, candles[2]!];
    const points = realisedVolSeries(shuffled, { timeZone: 'Asia/Kolkata', windows: [3, 2] });
    expect(points.map((point) => `${point.date}/${point.window_days}`)).toEqual([
      '2026-11-18/2',
      '2026-11-19/2',
      '2026-11-19/3',
      '2026-11-20/2',
      '2026-11-20/3',
      '2026-11-23/2',
      '2026-11-23/3',
    ]);
    // The 2-day point of 19 Nov: closes of 17, 18, 19 Nov and the ranges of 18 and 19 Nov.
    expect(points[1]!.close_to_close).toBe(closeToCloseVol(closes.slice(1, 4)));
    expect(points[1]!.parkinson).toBe(parkinsonVol(candles.slice(2, 4)));
  });

  it('labels a candle by its local date, not its UTC one', () => {
    // bucket_start 2026-11-15T18:30Z is midnight of 16 Nov in Kolkata; read in UTC it would be the 15th.
    const points = realisedVolSeries(candles.slice(0, 3), { timeZone: 'Asia/Kolkata', windows: [2] });
    expect(points.map((point) => point.date)).toEqual(['2026-11-18']);
  });

  it('has no points with too few candles (10, 20 and 60 days by default)', () => {
    expect(realisedVolSeries([], { timeZone: 'UTC' })).toEqual([]);
    expect(realisedVolSeries(candles, { timeZone: 'Asia/Kolkata' })).toEqual([]);
  });

  it('rejects candles that are not one per day and bad options, naming the field', () => {
    const timeZone = 'Asia/Kolkata';
    expect(() => realisedVolSeries([{ ...candles[0]!, interval_seconds: 300 }], { timeZone })).toThrow(
      'candles[0].interval_seconds: must be 86400 (daily candles), got 300',
    );
    expect(() => realisedVolSeries([candles[0]!, candles[0]!], { timeZone })).toThrow(
      new AnalyticsInputError('candles[1].bucket_start', 'a second candle on 2026-11-16'),
    );
    expect(() => realisedVolSeries([{ ...candles[0]!, close: 0 }], { timeZone })).toThrow(
      'candles[0].close: must be a finite number > 0, got 0',
    );
    expect(() => realisedVolSeries([{ ...candles[0]!, bucket_start: 'yesterday' }], { timeZone })).toThrow(
      'candles[0].bucket_start',
    );
    expect(() => realisedVolSeries(candles, { timeZone, windows: [1] })).toThrow(
      'windows[0]: must be a whole number of days ≥ 2, got 1',
    );
    expect(() => realisedVolSeries(candles, { timeZone, windows: [5, 5] })).toThrow(
      'windows[1]: duplicate window',
    );
    expect(() => realisedVolSeries(candles, { timeZone: 'Mars/Olympus_Mons' })).toThrow('timeZone');
  });
});

describe('latestRealisedVol', () => {
  it('is the last point of each window that has enough candles', () => {
    const timeZone = 'Asia/Kolkata';
    const latest = latestRealisedVol(candles, { timeZone, windows: [2, 5, 10] });
    const series = realisedVolSeries(candles, { timeZone, windows: [2, 5] });
    expect(latest).toEqual([series[series.length - 2], series[series.length - 1]]);
    expect(latest.map((point) => point.window_days)).toEqual([2, 5]);
  });
});

describe('ivRvSpreadPoints', () => {
  it('is implied minus realised in vol points', () => {
    expect(ivRvSpreadPoints(0.18, 0.15)).toBeCloseTo(3, 12);
    expect(ivRvSpreadPoints(0.12, 0.2)).toBeCloseTo(-8, 12);
  });

  it('rejects a negative or non-finite volatility', () => {
    expect(() => ivRvSpreadPoints(-0.1, 0.2)).toThrow('iv: must be a finite number ≥ 0, got -0.1');
    expect(() => ivRvSpreadPoints(0.1, Number.NaN)).toThrow('realisedVol');
  });
});
