import { describe, expect, it } from 'vitest';
import { ivSmile } from './iv-smile';

describe('ivSmile', () => {
  const calls = [
    { strike: 110, iv: 0.18 },
    { strike: 90, iv: 0.3 },
    { strike: 100, iv: 0.25 },
    { strike: 120, iv: null },
  ];
  const puts = [
    { strike: 80, iv: 0.35 },
    { strike: 90, iv: 0.28 },
    { strike: 100, iv: 0.375 },
    { strike: 110, iv: 0.19 },
  ];

  it('lines up call and put IVs on ascending strikes with null where a side has no point', () => {
    const smile = ivSmile(calls, puts, 104);
    expect(smile.strikes).toEqual([80, 90, 100, 110, 120]);
    expect(smile.call_iv).toEqual([null, 0.3, 0.25, 0.18, null]);
    expect(smile.put_iv).toEqual([0.35, 0.28, 0.375, 0.19, null]);
  });

  it('builds the OTM smile from puts below spot and calls above, never filling from the ITM side', () => {
    expect(ivSmile(calls, puts, 104).otm_iv).toEqual([0.35, 0.28, 0.375, 0.18, null]);
    expect(ivSmile(calls, puts, 95).otm_iv).toEqual([0.35, 0.28, 0.25, 0.18, null]);
  });

  it('averages call and put at a strike equal to spot, or takes the one that exists', () => {
    expect(ivSmile(calls, puts, 100).otm_iv[2]).toBe(0.3125);
    expect(ivSmile([{ strike: 100, iv: null }], [{ strike: 100, iv: 0.25 }], 100).otm_iv).toEqual([0.25]);
  });

  // An IV of 0 is what a price with no time value solves to: it says nothing about volatility, so the
  // smile shows no point there rather than a dip to 0.
  it('carries no point for an IV of 0 on either side', () => {
    const smile = ivSmile(
      [
        { strike: 90, iv: 0 },
        { strike: 110, iv: 0 },
      ],
      [
        { strike: 90, iv: 0 },
        { strike: 110, iv: 0.2 },
      ],
      100,
    );
    expect(smile).toEqual({
      strikes: [90, 110],
      call_iv: [null, null],
      put_iv: [null, 0.2],
      otm_iv: [null, null],
    });
    expect(ivSmile([{ strike: 100, iv: 0 }], [{ strike: 100, iv: 0.25 }], 100).otm_iv).toEqual([0.25]);
  });

  it('rejects duplicate strikes, negative IVs and a bad spot', () => {
    expect(() => ivSmile([...calls, { strike: 90, iv: 0.3 }], puts, 100)).toThrow(
      'calls[4].strike: duplicate strike',
    );
    expect(() => ivSmile(calls, [{ strike: 90, iv: Number.NaN }], 100)).toThrow('puts[0].iv');
    expect(() => ivSmile(calls, puts, Number.NaN)).toThrow('spot');
  });
});
