import { describe, expect, it } from 'vitest';
import { ivSurface } from './iv-surface';

describe('ivSurface', () => {
  const near = {
    expiry: '2026-12-01',
    calls: [
      { strike: 100, iv: 0.25 },
      { strike: 110, iv: 0.18 },
    ],
    puts: [
      { strike: 90, iv: 0.26 },
      { strike: 100, iv: 0.375 },
    ],
  };
  const far = {
    expiry: '2027-01-26',
    calls: [
      { strike: 110, iv: null },
      { strike: 120, iv: 0.19 },
    ],
    puts: [
      { strike: 80, iv: 0.3 },
      { strike: 90, iv: 0.27 },
    ],
  };

  it('is a strikes × expiries grid, iv[expiryIndex][strikeIndex], null where there is no point', () => {
    expect(ivSurface([far, near], 100)).toEqual({
      spot: 100,
      expiries: ['2026-12-01', '2027-01-26'],
      strikes: [80, 90, 100, 110, 120],
      moneyness: [0.8, 0.9, 1, 1.1, 1.2],
      iv: [
        [null, 0.26, 0.3125, 0.18, null],
        [0.3, 0.27, null, null, 0.19],
      ],
    });
  });

  it('keeps every row as long as the strike axis and holds no NaN or 0 for a missing point', () => {
    const surface = ivSurface([near, far], 105);
    for (const row of surface.iv) {
      expect(row).toHaveLength(surface.strikes.length);
      for (const point of row) expect(point === null || point > 0).toBe(true);
    }
  });

  it('leaves a point null where the quote solved to an IV of 0', () => {
    const flat = { expiry: '2026-12-01', calls: [{ strike: 110, iv: 0 }], puts: [{ strike: 90, iv: 0 }] };
    expect(ivSurface([flat], 100).iv).toEqual([[null, null]]);
  });

  it('is empty for no chains', () => {
    expect(ivSurface([], 100)).toEqual({ spot: 100, expiries: [], strikes: [], moneyness: [], iv: [] });
  });

  it('rejects duplicate or malformed expiries', () => {
    expect(() => ivSurface([near, near], 100)).toThrow('chains[1].expiry: duplicate expiry');
    expect(() => ivSurface([{ ...near, expiry: '01/12/2026' }], 100)).toThrow('chains[0].expiry');
  });
});
