import { describe, expect, it } from 'vitest';
import { classifyBuildup, contractChange, otmBuildup, premiumChange } from './oi-buildup';

describe('classifyBuildup', () => {
  it.each([
    [1, 100, 'LONG_BUILDUP'],
    [-1, 100, 'SHORT_BUILDUP'],
    [1, -100, 'SHORT_COVERING'],
    [-1, -100, 'LONG_UNWINDING'],
    [0, 100, 'NEUTRAL'],
    [0, -100, 'NEUTRAL'],
    [1, 0, 'NEUTRAL'],
    [-1, 0, 'NEUTRAL'],
    [0, 0, 'NEUTRAL'],
    [0.05, 1, 'LONG_BUILDUP'],
    [-0.05, -1, 'LONG_UNWINDING'],
  ] as const)('price change %d, OI change %d → %s', (priceChange, oiChange, expected) => {
    expect(classifyBuildup(priceChange, oiChange)).toBe(expected);
  });

  it('has no class without a known price change', () => {
    expect(classifyBuildup(null, 100)).toBe('NEUTRAL');
    expect(classifyBuildup(null, -100)).toBe('NEUTRAL');
  });

  it('rejects a non-finite change', () => {
    expect(() => classifyBuildup(Number.NaN, 1)).toThrow('priceChange');
    expect(() => classifyBuildup(1, Number.NaN)).toThrow('oiChange');
  });
});

describe('premiumChange', () => {
  it('is the difference of two premiums, null when either side had no price', () => {
    expect(premiumChange(12.5, 10.5)).toBe(2);
    expect(premiumChange(9.75, 10)).toBe(-0.25);
    expect(premiumChange(0, 10)).toBeNull();
    expect(premiumChange(10, 0)).toBeNull();
  });
});

describe('contractChange', () => {
  const at = (open_interest: number, premium: number) => ({ open_interest, premium });

  it('measures OI and premium from the base and classifies the pair', () => {
    expect(contractChange(at(1_300, 12.5), at(1_000, 10.5))).toEqual({
      oi_change: 300,
      price_change: 2,
      buildup: 'LONG_BUILDUP',
    });
    expect(contractChange(at(1_500, 9.5), at(1_000, 10.5))).toEqual({
      oi_change: 500,
      price_change: -1,
      buildup: 'SHORT_BUILDUP',
    });
    expect(contractChange(at(400, 1.5), at(500, 2))).toEqual({
      oi_change: -100,
      price_change: -0.5,
      buildup: 'LONG_UNWINDING',
    });
  });

  it('measures a new contract from no open interest and no price', () => {
    expect(contractChange(at(50, 1.5), at(0, 0))).toEqual({
      oi_change: 50,
      price_change: null,
      buildup: 'NEUTRAL',
    });
  });
});

describe('otmBuildup', () => {
  it('sums call OI above spot and put OI below spot; the strike at spot counts on neither side', () => {
    const calls = [
      { strike: 100, open_interest: 1 },
      { strike: 110, open_interest: 20 },
      { strike: 120, open_interest: 300 },
    ];
    const puts = [
      { strike: 100, open_interest: 4000 },
      { strike: 110, open_interest: 50000 },
      { strike: 120, open_interest: 600000 },
    ];
    expect(otmBuildup(calls, puts, 110)).toEqual({ call_buildup_otm: 300, put_buildup_otm: 4000 });
    expect(otmBuildup(calls, puts, 112)).toEqual({ call_buildup_otm: 300, put_buildup_otm: 54000 });
  });

  it('rejects a non-positive spot', () => {
    expect(() => otmBuildup([], [], 0)).toThrow('spot');
  });
});
