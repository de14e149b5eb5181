import { describe, expect, it } from 'vitest';
import { STALE_AFTER_MS, dataFreshness } from './data-freshness';

const TICK = '2026-11-24T08:32:11.000Z';
const CHAIN = '2026-11-24T08:32:10.000Z';
const tickMs = Date.parse(TICK);

describe('dataFreshness', () => {
  it('is fresh while the newest tick or chain is at most STALE_AFTER_MS old', () => {
    expect(dataFreshness([TICK, CHAIN], tickMs + STALE_AFTER_MS, 'live')).toEqual({ stale: false });
    // The chain alone would be stale; the newer tick is not.
    expect(dataFreshness([CHAIN, TICK], Date.parse(CHAIN) + STALE_AFTER_MS + 500, 'live')).toEqual({
      stale: false,
    });
  });

  it('is stale since the newest timestamp once that is older than the bound, even with the socket live', () => {
    expect(dataFreshness([TICK, CHAIN], tickMs + STALE_AFTER_MS + 1, 'live')).toEqual({
      stale: true,
      sinceMs: tickMs,
    });
    expect(dataFreshness([undefined, CHAIN], tickMs + STALE_AFTER_MS, 'reconnecting')).toEqual({
      stale: true,
      sinceMs: Date.parse(CHAIN),
    });
  });

  it('is stale at once offline, when nothing can arrive', () => {
    expect(dataFreshness([TICK, CHAIN], tickMs + 1_000, 'offline')).toEqual({ stale: true, sinceMs: tickMs });
    expect(dataFreshness([TICK, CHAIN], tickMs + 1_000, 'reconnecting')).toEqual({ stale: false });
  });

  it('says nothing before any data has arrived', () => {
    expect(dataFreshness([], tickMs, 'offline')).toEqual({ stale: false });
    expect(dataFreshness([undefined, null], tickMs, 'live')).toEqual({ stale: false });
  });
});
