import { describe, expect, it } from 'vitest';
import { IvRankSchema } from '../schemas';
import { ivRankAndPercentile } from './iv-rank';

// Ten daily IVs before today, oldest first; four of them tie with today's 0.22.
const history = [0.2, 0.22, 0.22, 0.25, 0.18, 0.22, 0.3, 0.24, 0.22, 0.19];

describe('ivRankAndPercentile', () => {
  it('ranks today in the range and counts the days strictly below it, ties excluded', () => {
    // low 0.18, high 0.30: rank = (0.22 − 0.18)/(0.30 − 0.18)·100 = 0.04/0.12·100 = 33.33…
    // below 0.22: 0.20, 0.18, 0.19 → 3 of 10 days = 30 (counting the four ties too would give 70).
    const result = ivRankAndPercentile(history, 0.22, { minHistoryDays: 10 });
    expect(result.iv_rank).toBeCloseTo(100 / 3, 12);
    expect(result).toMatchObject({
      current_iv: 0.22,
      history_days: 10,
      low_iv: 0.18,
      high_iv: 0.3,
      iv_percentile: 30,
      reason: null,
    });
    expect(IvRankSchema.parse(result)).toEqual(result);
  });

  it('looks back only over the last lookbackDays values', () => {
    // Last 5: 0.22, 0.30, 0.24, 0.22, 0.19 → low 0.19, high 0.30: rank = 0.03/0.11·100 = 27.27…;
    // below 0.22: 0.19 → 1 of 5 = 20.
    const result = ivRankAndPercentile(history, 0.22, { lookbackDays: 5, minHistoryDays: 5 });
    expect(result.iv_rank).toBeCloseTo(300 / 11, 12);
    expect(result).toMatchObject({ history_days: 5, low_iv: 0.19, iv_percentile: 20 });
  });

  it('reads a new high as rank 100 and percentile 100, a new low as 0 and 0', () => {
    expect(ivRankAndPercentile(history, 0.35, { minHistoryDays: 10 })).toMatchObject({
      high_iv: 0.35,
      iv_rank: 100,
      iv_percentile: 100,
    });
    expect(ivRankAndPercentile(history, 0.1, { minHistoryDays: 10 })).toMatchObject({
      low_iv: 0.1,
      iv_rank: 0,
      iv_percentile: 0,
    });
  });

  it('reports neither measure on too short a history (20 days by default)', () => {
    for (const short of [[], [0.2], history]) {
      expect(ivRankAndPercentile(short, 0.22)).toMatchObject({
        history_days: short.length,
        iv_rank: null,
        iv_percentile: null,
        reason: 'insufficient_history',
      });
    }
    const enough = [...history, ...history];
    expect(ivRankAndPercentile(enough, 0.22).reason).toBeNull();
  });

  it('has no rank when the range is zero, and a percentile of 0', () => {
    const flat = new Array<number>(20).fill(0.2);
    expect(ivRankAndPercentile(flat, 0.2)).toEqual({
      current_iv: 0.2,
      history_days: 20,
      low_iv: 0.2,
      high_iv: 0.2,
      iv_rank: null,
      iv_percentile: 0,
      reason: 'zero_range',
    });
  });

  it('rejects bad values and options, naming the field', () => {
    expect(() => ivRankAndPercentile([0.2, Number.NaN], 0.2)).toThrow(
      'history[1]: must be a finite number ≥ 0, got NaN',
    );
    expect(() => ivRankAndPercentile(history, -0.1)).toThrow(
      'currentIv: must be a finite number ≥ 0, got -0.1',
    );
    expect(() => ivRankAndPercentile(history, 0.2, { lookbackDays: 0 })).toThrow(
      'lookbackDays: must be a whole number of days ≥ 1, got 0',
    );
    expect(() => ivRankAndPercentile(history, 0.2, { minHistoryDays: 2.5 })).toThrow('minHistoryDays');
  });
});
