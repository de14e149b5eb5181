import { describe, expect, it } from 'vitest';
import { atmIv, atmStraddlePrice, atmStrike, impliedMovePct } from './atm';
import { AnalyticsInputError } from './input-checks';

describe('atmStrike', () => {
  it('matches the original DeltaStream reference: 21500 for strikes 21000–22500 at spot 21537', () => {
    expect(atmStrike([21000, 21500, 22000, 22500], 21537)).toBe(21500);
  });

  it('gives a tie (spot exactly between two strikes) to the lower strike, in any order', () => {
    expect(atmStrike([100, 110], 105)).toBe(100);
    expect(atmStrike([110, 100], 105)).toBe(100);
    expect(atmStrike([120, 110, 90, 100], 105)).toBe(100);
  });

  it('works on unsorted strikes and picks an exact match', () => {
    expect(atmStrike([22500, 21000, 22000, 21500], 21800)).toBe(22000);
    expect(atmStrike([300, 100, 200], 200)).toBe(200);
  });

  it('rejects an empty list and nonsense spot or strikes', () => {
    expect(() => atmStrike([], 100)).toThrow(new AnalyticsInputError('strikes', 'must not be empty'));
    expect(() => atmStrike([100], 0)).toThrow('spot: must be a finite number > 0, got 0');
    expect(() => atmStrike([100, Number.NaN], 100)).toThrow(
      'strikes[1]: must be a finite number > 0, got NaN',
    );
  });
});

describe('atmStraddlePrice', () => {
  const calls = [
    { strike: 100, bid: 4, ask: 6, last: 9 },
    { strike: 110, bid: 100, ask: 102, last: 90 },
  ];
  const puts = [
    { strike: 110, bid: 0, ask: 95, last: 93 },
    { strike: 120, bid: 20, ask: 22, last: 21 },
  ];

  it('adds the call and put premium at the strike: mid when two-sided, else last', () => {
    expect(atmStraddlePrice(calls, puts, 110)).toBe(101 + 93);
  });

  it('is null when a leg is missing at that strike', () => {
    expect(atmStraddlePrice(calls, puts, 100)).toBeNull();
    expect(atmStraddlePrice(calls, puts, 120)).toBeNull();
  });

  // Last 0 and no two-sided market: the leg has no price, and a straddle of one leg is not a straddle.
  it('is null when a leg has no price', () => {
    const unpriced = [{ strike: 110, bid: 0, ask: 0, last: 0 }];
    expect(atmStraddlePrice(calls, unpriced, 110)).toBeNull();
    expect(atmStraddlePrice(unpriced, puts, 110)).toBeNull();
    expect(atmStraddlePrice(calls, [{ strike: 110, bid: 3, ask: 0, last: 0 }], 110)).toBeNull();
  });

  it('rejects a negative price on a leg it reads', () => {
    expect(() => atmStraddlePrice(calls, [{ strike: 110, bid: -1, ask: 2, last: 1 }], 110)).toThrow(
      'puts[0].bid: must be a finite number ≥ 0, got -1',
    );
  });
});

describe('impliedMovePct', () => {
  it('is the straddle as a percentage of spot', () => {
    expect(impliedMovePct(194, 21537)).toBe(19400 / 21537);
    expect(impliedMovePct(0, 100)).toBe(0);
  });

  it('rejects a zero spot and a negative straddle', () => {
    expect(() => impliedMovePct(10, 0)).toThrow(AnalyticsInputError);
    expect(() => impliedMovePct(-1, 100)).toThrow(AnalyticsInputError);
  });
});

describe('atmIv', () => {
  it('averages the call and put IV at the strike, or takes the one that exists', () => {
    const calls = [{ strike: 100, iv: 0.2 }];
    expect(atmIv(calls, [{ strike: 100, iv: 0.3 }], 100)).toBe(0.25);
    expect(atmIv(calls, [{ strike: 100, iv: null }], 100)).toBe(0.2);
    expect(atmIv([], [{ strike: 100, iv: 0.3 }], 100)).toBe(0.3);
  });

  // A PUT with last 0 once solved to IV 0 and halved atm_iv; 0 is no IV, so the call's IV stands alone.
  it('treats an IV of 0 as no IV rather than averaging it in', () => {
    expect(atmIv([{ strike: 100, iv: 0.2 }], [{ strike: 100, iv: 0 }], 100)).toBe(0.2);
    expect(atmIv([{ strike: 100, iv: 0 }], [{ strike: 100, iv: 0 }], 100)).toBeNull();
  });

  it('is null when neither leg has an IV', () => {
    expect(atmIv([{ strike: 100, iv: null }], [{ strike: 100, iv: null }], 100)).toBeNull();
    expect(atmIv([{ strike: 100, iv: 0.2 }], [], 110)).toBeNull();
  });

  it('rejects a negative IV', () => {
    expect(() => atmIv([{ strike: 100, iv: -0.1 }], [], 100)).toThrow('calls[0].iv');
  });
});
