import { describe, expect, it } from 'vitest';
import { strikeLadder } from './strikes';

describe('strikeLadder', () => {
  it('centres on the listed strike nearest the spot', () => {
    expect(strikeLadder(21_537, 50, 2)).toEqual([21_450, 21_500, 21_550, 21_600, 21_650]);
    expect(strikeLadder(21_524, 50, 1)).toEqual([21_450, 21_500, 21_550]);
  });

  it('keeps decimal steps exact and drops strikes at or below zero', () => {
    expect(strikeLadder(186.1, 2.5, 1)).toEqual([182.5, 185, 187.5]);
    expect(strikeLadder(3.1, 1, 5)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
