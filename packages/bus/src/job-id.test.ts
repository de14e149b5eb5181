import { describe, expect, it } from 'vitest';
import { chainJobId, tickJobId } from './job-id';

describe('job ids', () => {
  it('builds the documented shapes without ":"', () => {
    expect(chainJobId('NIFTY', '2026-11-27', 123)).toBe('NIFTY-20261127-000000000123');
    expect(tickJobId('NIFTY', 123)).toBe('NIFTY-T-000000000123');
    expect(chainJobId('BANKNIFTY', '2026-12-29', 0)).not.toContain(':');
  });

  it('is deterministic and distinct per product, expiry and sequence', () => {
    const ids = new Set([
      chainJobId('NIFTY', '2026-11-27', 1),
      chainJobId('NIFTY', '2026-11-27', 1),
      chainJobId('NIFTY', '2026-12-04', 1),
      chainJobId('NIFTY', '2026-11-27', 2),
      chainJobId('SENSEX', '2026-11-27', 1),
    ]);
    expect(ids.size).toBe(4);
  });

  it('refuses sequences that cannot round-trip', () => {
    expect(() => tickJobId('NIFTY', -1)).toThrow(RangeError);
    expect(() => tickJobId('NIFTY', 1.5)).toThrow(RangeError);
  });
});
