import { describe, expect, it } from 'vitest';
import { EnrichedUnderlyingSchema } from '@deltastream/core/schemas';
import { enrichUnderlying } from './enrich-underlying';

describe('enrichUnderlying', () => {
  it('measures the change from the session open', () => {
    const tick = {
      type: 'UNDERLYING' as const,
      product: 'NIFTY',
      price: 21537,
      timestamp: '2026-11-24T04:00:00.000Z',
      tick_id: 9,
    };
    const enriched = enrichUnderlying(tick, 21500, '2026-11-24T04:00:00.010Z');
    expect(enriched.change).toBe(37);
    expect(enriched.change_pct).toBeCloseTo(0.172093, 6);
    expect(EnrichedUnderlyingSchema.parse(enriched)).toEqual(enriched);
  });
});
