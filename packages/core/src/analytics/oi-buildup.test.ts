import { describe, expect, it } from 'vitest';
import { classifyBuildup, oiBuildup, otmBuildup } from './oi-buildup';

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

  it('rejects a non-finite change', () => {
    expect(() => classifyBuildup(Number.NaN, 1)).toThrow('priceChange');
  });
});

describe('oiBuildup', () => {
  const quote = (strike: number, openInterest: number, bid: number, ask: number, last: number) => ({
    strike,
    open_interest: openInterest,
    bid,
    ask,
    last,
  });
  const previous = [quote(100, 1000, 10, 11, 10.5), quote(110, 2000, 5, 6, 5.5), quote(120, 500, 0, 0, 2)];

  it('compares each strike with the previous snapshot, reading premiums as mid or last', () => {
    const current = [
      quote(120, 400, 0, 0, 1.5), // last 2 → 1.5, OI 500 → 400
      quote(100, 1300, 12, 13, 9), // mid 10.5 → 12.5, OI 1000 → 1300
      quote(110, 2000, 6, 7, 5), // mid 5.5 → 6.5, OI unchanged
      quote(130, 50, 1, 2, 1), // new strike: no change known
    ];
    expect(oiBuildup(current, previous)).toEqual([
      { strike: 120, oi_change: -100, price_change: -0.5, buildup: 'LONG_UNWINDING' },
      { strike: 100, oi_change: 300, price_change: 2, buildup: 'LONG_BUILDUP' },
      { strike: 110, oi_change: 0, price_change: 1, buildup: 'NEUTRAL' },
      { strike: 130, oi_change: 0, price_change: 0, buildup: 'NEUTRAL' },
    ]);
  });

  it('reports short build-up and short covering', () => {
    expect(oiBuildup([quote(100, 1500, 9, 10, 9)], previous)[0]?.buildup).toBe('SHORT_BUILDUP');
    expect(oiBuildup([quote(110, 1500, 7, 8, 7)], previous)[0]?.buildup).toBe('SHORT_COVERING');
  });

  it('treats the first snapshot as no change', () => {
    expect(oiBuildup([quote(100, 10, 1, 2, 1)], [])).toEqual([
      { strike: 100, oi_change: 0, price_change: 0, buildup: 'NEUTRAL' },
    ]);
  });

  it('rejects duplicate strikes and nonsense quantities', () => {
    expect(() => oiBuildup([], [...previous, quote(100, 1, 1, 1, 1)])).toThrow(
      'previous[3].strike: duplicate strike',
    );
    expect(() => oiBuildup([quote(100, -1, 1, 1, 1)], previous)).toThrow('current[0].open_interest');
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
