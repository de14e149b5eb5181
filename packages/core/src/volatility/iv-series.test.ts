import { describe, expect, it } from 'vitest';
import { DailyIvPointSchema, IntradayIvPointSchema, type IntradayIvPoint } from '../schemas';
import { act365Expiry } from '../testing/act365-expiry';
import { dailyIvPoints, intradayIvPoint } from './iv-series';

describe('intradayIvPoint', () => {
  it('holds the 30-day IV and the nearest expiry with an ATM IV, in the minute of the observation', () => {
    const point = intradayIvPoint(
      [
        act365Expiry('2026-12-31', 37, 0.25),
        act365Expiry('2026-11-24', 0, 0.9),
        act365Expiry('2026-11-25', 0.8, null),
        act365Expiry('2026-11-26', 2, 0.35),
        act365Expiry('2026-12-17', 23, 0.2),
      ],
      { timestamp: '2026-11-24T10:15:42.123Z', source: 'live' },
    );
    // iv_30d from the 23- and 37-day expiries (the 2-day one is under 7 days): √(1.61625/30).
    expect(point.iv_30d).toBeCloseTo(0.232109887768703, 13);
    // The expired one and the one without an IV are passed over for the nearest.
    expect(point).toMatchObject({
      bucket_start: '2026-11-24T10:15:00.000Z',
      atm_iv: 0.35,
      near_expiry: '2026-11-26',
      source: 'live',
    });
    expect(IntradayIvPointSchema.parse(point)).toEqual(point);
  });

  it('is all null when no chain has an ATM IV', () => {
    expect(
      intradayIvPoint([act365Expiry('2026-12-17', 23, null)], { timestamp: 0, source: 'simulated' }),
    ).toEqual({
      bucket_start: '1970-01-01T00:00:00.000Z',
      iv_30d: null,
      atm_iv: null,
      near_expiry: null,
      source: 'simulated',
    });
  });

  it('rejects a timestamp without an offset', () => {
    expect(() => intradayIvPoint([], { timestamp: '2026-11-24 10:15', source: 'live' })).toThrow('timestamp');
  });
});

const minute = (bucketStart: string, iv30d: number): IntradayIvPoint => ({
  bucket_start: bucketStart,
  iv_30d: iv30d,
  atm_iv: 2 * iv30d,
  near_expiry: '2026-12-01',
  source: 'live',
});

describe('dailyIvPoints', () => {
  it('keeps the last minute of each exchange date, ascending by date', () => {
    // Kolkata is UTC+05:30: 18:29 UTC is 23:59 the same day, 18:30 UTC is midnight of the next.
    const daily = dailyIvPoints(
      [
        minute('2026-11-24T18:30:00.000Z', 0.3),
        minute('2026-11-24T09:59:00.000Z', 0.22),
        minute('2026-11-24T18:29:00.000Z', 0.21),
        minute('2026-11-23T10:00:00.000Z', 0.2),
        minute('2026-11-24T04:00:00.000Z', 0.23),
      ],
      'Asia/Kolkata',
    );
    expect(daily).toEqual([
      { date: '2026-11-23', iv_30d: 0.2, atm_iv: 0.4, near_expiry: '2026-12-01', source: 'live' },
      { date: '2026-11-24', iv_30d: 0.21, atm_iv: 0.42, near_expiry: '2026-12-01', source: 'live' },
      { date: '2026-11-25', iv_30d: 0.3, atm_iv: 0.6, near_expiry: '2026-12-01', source: 'live' },
    ]);
    for (const point of daily) expect(DailyIvPointSchema.parse(point)).toEqual(point);
  });

  it('is empty for no points and rejects an unparseable minute', () => {
    expect(dailyIvPoints([], 'UTC')).toEqual([]);
    expect(() => dailyIvPoints([minute('soon', 0.2)], 'UTC')).toThrow('points[0].bucket_start');
  });
});
