import { describe, expect, it } from 'vitest';
import { exchangeWallClock } from './format';

describe('exchangeWallClock', () => {
  it("shows an instant on the exchange's wall clock, to the second", () => {
    expect(exchangeWallClock('2026-11-24T03:45:10.500Z', 'Asia/Kolkata')).toBe('2026-11-24 09:15:10');
    expect(exchangeWallClock('2026-11-24T03:45:10.500Z', 'America/New_York')).toBe('2026-11-23 22:45:10');
    expect(exchangeWallClock('2026-07-17T20:00:00Z', 'America/New_York')).toBe('2026-07-17 16:00:00');
    expect(exchangeWallClock('2026-11-24T18:29:59.999Z', 'Asia/Kolkata')).toBe('2026-11-24 23:59:59');
    expect(exchangeWallClock('2026-11-24T18:30:00Z', 'Asia/Kolkata')).toBe('2026-11-25 00:00:00');
  });
});
