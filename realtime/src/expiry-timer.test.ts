import { afterEach, describe, expect, it, vi } from 'vitest';
import { atExpiry } from './expiry-timer';

afterEach(() => {
  vi.useRealTimers();
});

describe('atExpiry', () => {
  it('fires at the expiry, not before, and at once for a past one', () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T09:00:00Z') });
    const now = () => new Date();
    const fired: string[] = [];
    atExpiry(new Date('2026-11-24T09:00:02Z'), now, () => fired.push('soon'));
    atExpiry(new Date('2026-11-24T08:59:59Z'), now, () => fired.push('past'));
    expect(fired).toEqual(['past']);
    vi.advanceTimersByTime(1_999);
    expect(fired).toEqual(['past']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['past', 'soon']);
  });

  it('waits out an expiry months away instead of firing at once, and can be cancelled', () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T09:00:00Z') });
    const now = () => new Date();
    let fired = 0;
    atExpiry(new Date('2027-11-24T09:00:00Z'), now, () => (fired += 1));
    const cancel = atExpiry(new Date('2027-11-24T09:00:00Z'), now, () => (fired += 10));
    // The first step is the longest timer there is (a longer delay would be taken as 1 ms).
    vi.advanceTimersToNextTimer();
    expect(Date.now() - Date.parse('2026-11-24T09:00:00Z')).toBe(2 ** 31 - 1);
    expect(fired).toBe(0);
    cancel();
    vi.advanceTimersByTime(365 * 86_400_000);
    expect(fired).toBe(1);
  });
});
