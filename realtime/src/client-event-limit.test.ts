import { describe, expect, it } from 'vitest';
import { ClientEventLimit, REFUSAL_WINDOW_MS } from './client-event-limit';

const verdicts = (limit: ClientEventLimit, count: number, nowMs: number) =>
  Array.from({ length: count }, () => limit.check(nowMs));

describe('client event limit', () => {
  it('allows a burst, then refuses until tokens refill at the sustained rate', () => {
    const limit = new ClientEventLimit({ eventsPerSecond: 4, burst: 3, maxRefused: 100 }, 0);
    expect(verdicts(limit, 4, 0)).toEqual(['allow', 'allow', 'allow', 'refuse']);
    // 4 per second: one token every 250 ms.
    expect(limit.check(249)).toBe('refuse');
    expect(limit.check(250)).toBe('allow');
    expect(limit.check(251)).toBe('refuse');
    // The bucket never holds more than the burst, however long the socket was quiet.
    expect(verdicts(limit, 4, 60_000)).toEqual(['allow', 'allow', 'allow', 'refuse']);
  });

  it('says disconnect at the n-th refusal within the window', () => {
    const limit = new ClientEventLimit({ eventsPerSecond: 1, burst: 1, maxRefused: 3 }, 0);
    expect(verdicts(limit, 4, 0)).toEqual(['allow', 'refuse', 'refuse', 'disconnect']);
  });

  it('forgets refusals older than the window', () => {
    const limit = new ClientEventLimit({ eventsPerSecond: 0.001, burst: 1, maxRefused: 3 }, 0);
    expect(verdicts(limit, 3, 0)).toEqual(['allow', 'refuse', 'refuse']);
    expect(limit.check(REFUSAL_WINDOW_MS + 1)).toBe('refuse');
    expect(limit.check(REFUSAL_WINDOW_MS + 2)).toBe('refuse');
    expect(limit.check(REFUSAL_WINDOW_MS + 3)).toBe('disconnect');
  });
});
