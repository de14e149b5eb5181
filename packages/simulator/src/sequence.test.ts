import { describe, expect, it } from 'vitest';
import { chainSeqAt, nextStepAtMs, stepTimes, tickIdAt, tickIntervalMs } from './sequence';

const t = Date.parse('2026-11-24T04:00:00.000Z');

describe('clock-derived sequence numbers', () => {
  it('numbers ticks and chains by their interval of the clock', () => {
    expect(tickIntervalMs(2)).toBe(500);
    expect(tickIntervalMs(3)).toBe(333);
    expect(tickIdAt(t, 500)).toBe(t / 500);
    expect(tickIdAt(t + 499, 500)).toBe(t / 500);
    expect(tickIdAt(t + 500, 500)).toBe(t / 500 + 1);
    expect(chainSeqAt(t + 1999, 1000)).toBe(t / 1000 + 1);
  });

  it('steps at every tick or chain boundary', () => {
    const rates = { ticksPerSecond: 2, chainIntervalMs: 750 };
    expect(nextStepAtMs(t + 10, rates)).toBe(t + 500);
    expect([...stepTimes(t + 10, 1600, rates)].map((ms) => ms - t)).toEqual([10, 500, 750, 1000, 1500]);
  });
});
