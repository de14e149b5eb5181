import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from './input-checks';
import { chainTotals, pcrByOpenInterest, pcrByVolume, putCallRatio } from './pcr';

// Reference chain of the original DeltaStream test-suite.
const calls = [
  { strike: 21400, open_interest: 10000, volume: 500 },
  { strike: 21500, open_interest: 15000, volume: 800 },
  { strike: 21600, open_interest: 12000, volume: 600 },
];
const puts = [
  { strike: 21400, open_interest: 12000, volume: 600 },
  { strike: 21500, open_interest: 18000, volume: 900 },
  { strike: 21600, open_interest: 11000, volume: 550 },
];

function round4(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e4) / 1e4;
}

describe('put-call ratios', () => {
  it('matches the original DeltaStream reference: PCR_OI 1.1081, PCR_volume 1.0789', () => {
    expect(pcrByOpenInterest(calls, puts)).toBe(41000 / 37000);
    expect(pcrByVolume(calls, puts)).toBe(2050 / 1900);
    expect(round4(pcrByOpenInterest(calls, puts))).toBe(1.1081);
    expect(round4(pcrByVolume(calls, puts))).toBe(1.0789);
  });

  it('sums call and put open interest and volume', () => {
    expect(chainTotals(calls, puts)).toEqual({
      total_call_oi: 37000,
      total_put_oi: 41000,
      total_call_volume: 1900,
      total_put_volume: 2050,
    });
  });

  it('is null, not 0 or Infinity, when there is nothing on the call side', () => {
    expect(putCallRatio(5, 0)).toBeNull();
    expect(putCallRatio(0, 0)).toBeNull();
    expect(pcrByOpenInterest([], puts)).toBeNull();
    expect(pcrByVolume([{ open_interest: 10, volume: 0 }], puts)).toBeNull();
    expect(pcrByOpenInterest([{ open_interest: 10, volume: 0 }], [])).toBe(0);
  });

  it('rejects negative or non-finite quantities, naming the field', () => {
    expect(() => pcrByOpenInterest(calls, [...puts, { open_interest: -1, volume: 0 }])).toThrow(
      new AnalyticsInputError('puts[3].open_interest', 'must be a finite number ≥ 0, got -1'),
    );
    expect(() => pcrByVolume([{ open_interest: 1, volume: Number.NaN }], puts)).toThrow(AnalyticsInputError);
  });
});
