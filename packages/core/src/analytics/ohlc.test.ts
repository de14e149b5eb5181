import { describe, expect, it } from 'vitest';
import { CandleSchema } from '../schemas';
import { buildCandles, candleBucketStartMs, openCandle, updateCandle, type PriceTick } from './ohlc';

const iso = (ms: number) => new Date(ms).toISOString();
const bucketStart = (timestamp: string, intervalSeconds: number, timeZone?: string) =>
  iso(candleBucketStartMs(timestamp, intervalSeconds, timeZone));

describe('candle alignment', () => {
  it('starts 5-minute candles in Asia/Kolkata exactly at 09:15 local', () => {
    expect(bucketStart('2026-11-24T09:15:00+05:30', 300, 'Asia/Kolkata')).toBe('2026-11-24T03:45:00.000Z');
    expect(bucketStart('2026-11-24T09:19:59.999+05:30', 300, 'Asia/Kolkata')).toBe(
      '2026-11-24T03:45:00.000Z',
    );
    expect(bucketStart('2026-11-24T09:20:00+05:30', 300, 'Asia/Kolkata')).toBe('2026-11-24T03:50:00.000Z');
  });

  it('starts 1-hour candles at :00 local in Asia/Kolkata (:30 UTC) and at :00 UTC by default', () => {
    expect(bucketStart('2026-11-24T05:17:00Z', 3600, 'Asia/Kolkata')).toBe('2026-11-24T04:30:00.000Z');
    expect(bucketStart('2026-11-24T05:17:00Z', 3600)).toBe('2026-11-24T05:00:00.000Z');
  });

  it('starts a 1-day candle at local midnight', () => {
    // 01:30 IST on the 25th belongs to the day that began at 00:00 IST = 18:30 UTC on the 24th.
    expect(bucketStart('2026-11-24T20:00:00Z', 86400, 'Asia/Kolkata')).toBe('2026-11-24T18:30:00.000Z');
    expect(bucketStart('2026-11-24T18:29:59Z', 86400, 'Asia/Kolkata')).toBe('2026-11-23T18:30:00.000Z');
    expect(bucketStart('2026-11-24T20:00:00Z', 86400)).toBe('2026-11-24T00:00:00.000Z');
  });

  it('aligns odd intervals to local midnight and cuts the last bucket of the day short', () => {
    // 7-minute buckets: 205 fit in a day, the 206th starts at 23:55 and ends at midnight.
    expect(bucketStart('2026-11-24T00:13:59Z', 420)).toBe('2026-11-24T00:07:00.000Z');
    expect(bucketStart('2026-11-24T23:59:59Z', 420)).toBe('2026-11-24T23:55:00.000Z');
    expect(bucketStart('2026-11-25T00:01:00Z', 420)).toBe('2026-11-25T00:00:00.000Z');
    expect(bucketStart('2026-11-24T10:00:00.750Z', 1)).toBe('2026-11-24T10:00:00.000Z');
  });

  it('starts 7-day candles on Monday local midnight', () => {
    // Thursday → Monday
    expect(bucketStart('2026-11-26T12:00:00Z', 7 * 86400)).toBe('2026-11-23T00:00:00.000Z');
    expect(bucketStart('2026-11-23T00:00:00Z', 7 * 86400)).toBe('2026-11-23T00:00:00.000Z');
    expect(bucketStart('2026-11-22T23:59:59Z', 7 * 86400)).toBe('2026-11-16T00:00:00.000Z');
    expect(bucketStart('2026-11-26T12:00:00Z', 7 * 86400, 'Asia/Kolkata')).toBe('2026-11-22T18:30:00.000Z');
  });

  it('follows the wall clock across a fall-back: two 01:00 hours and a 25-hour day', () => {
    // America/New_York 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST at 06:00 UTC.
    expect(bucketStart('2026-11-01T05:30:00Z', 3600, 'America/New_York')).toBe('2026-11-01T05:00:00.000Z');
    expect(bucketStart('2026-11-01T06:30:00Z', 3600, 'America/New_York')).toBe('2026-11-01T06:00:00.000Z');
    expect(bucketStart('2026-11-01T04:00:00Z', 86400, 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(bucketStart('2026-11-02T04:59:59Z', 86400, 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(bucketStart('2026-11-02T05:00:00Z', 86400, 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('follows the wall clock across a spring-forward: a 23-hour day and buckets starting in the jump', () => {
    // America/New_York 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00 UTC.
    expect(bucketStart('2026-03-08T20:00:00Z', 86400, 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(bucketStart('2026-03-09T03:59:59Z', 86400, 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(bucketStart('2026-03-09T04:00:00Z', 86400, 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    // 150-minute buckets start at 00:00, 02:30, 05:00 local; 02:30 never happens, so that bucket starts at
    // the jump (07:00 UTC), before its first tick at 03:10 EDT.
    expect(bucketStart('2026-03-08T07:10:00Z', 9000, 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(bucketStart('2026-03-08T06:59:00Z', 9000, 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    // America/Santiago 2024-09-08: midnight (−04) jumps to 01:00 (−03) at 04:00 UTC; the day starts then.
    expect(bucketStart('2024-09-08T15:00:00Z', 86400, 'America/Santiago')).toBe('2024-09-08T04:00:00.000Z');
  });

  it('rejects nonsense intervals, time zones and timestamps', () => {
    expect(() => candleBucketStartMs(0, 0)).toThrow('intervalSeconds');
    expect(() => candleBucketStartMs(0, 1.5)).toThrow('intervalSeconds');
    expect(() => candleBucketStartMs(0, 1.5 * 86400)).toThrow(
      'intervalSeconds: beyond a day must be whole days',
    );
    expect(() => candleBucketStartMs(0, 60, 'Mars/Olympus_Mons')).toThrow('timeZone');
    expect(() => candleBucketStartMs('2026-11-24T09:15:00', 60)).toThrow(
      'timestamp: must be epoch milliseconds',
    );
    expect(() => candleBucketStartMs('yesterday', 60)).toThrow('timestamp');
    expect(() =>
      buildCandles([{ timestamp: Number.NaN, price: 1 }], { product: 'X', intervalSeconds: 60 }),
    ).toThrow('ticks[0].timestamp');
  });
});

describe('buildCandles', () => {
  const spec = { product: 'NIFTY', intervalSeconds: 300, timeZone: 'Asia/Kolkata' };
  const ticks: PriceTick[] = [
    { timestamp: '2026-11-24T09:19:59.999+05:30', price: 101, volume: 5 },
    { timestamp: '2026-11-24T09:15:00+05:30', price: 100, volume: 10 },
    { timestamp: Date.parse('2026-11-24T03:47:00Z'), price: 104 },
    { timestamp: '2026-11-24T09:20:00+05:30', price: 99, volume: 7 },
    { timestamp: '2026-11-24T09:16:00+05:30', price: 98, volume: 1 },
    { timestamp: '2026-11-24T09:31:00+05:30', price: 97, volume: 2 },
  ];

  it('splits ticks straddling a boundary, orders them by time, and skips empty buckets', () => {
    expect(buildCandles(ticks, spec)).toEqual([
      {
        product: 'NIFTY',
        interval_seconds: 300,
        bucket_start: '2026-11-24T03:45:00.000Z',
        open: 100,
        high: 104,
        low: 98,
        close: 101,
        volume: 16,
        ticks: 4,
        first_tick_ms: Date.parse('2026-11-24T03:45:00Z'),
        last_tick_ms: Date.parse('2026-11-24T03:49:59.999Z'),
      },
      {
        product: 'NIFTY',
        interval_seconds: 300,
        bucket_start: '2026-11-24T03:50:00.000Z',
        open: 99,
        high: 99,
        low: 99,
        close: 99,
        volume: 7,
        ticks: 1,
        first_tick_ms: Date.parse('2026-11-24T03:50:00Z'),
        last_tick_ms: Date.parse('2026-11-24T03:50:00Z'),
      },
      {
        product: 'NIFTY',
        interval_seconds: 300,
        bucket_start: '2026-11-24T04:00:00.000Z',
        open: 97,
        high: 97,
        low: 97,
        close: 97,
        volume: 2,
        ticks: 1,
        first_tick_ms: Date.parse('2026-11-24T04:01:00Z'),
        last_tick_ms: Date.parse('2026-11-24T04:01:00Z'),
      },
    ]);
  });

  it('produces candles the wire schema accepts', () => {
    for (const candle of buildCandles(ticks, spec)) expect(CandleSchema.safeParse(candle).success).toBe(true);
  });

  it('closes with the last of several ticks at the same instant, opens with the first', () => {
    const same = [
      { timestamp: 1000, price: 10 },
      { timestamp: 1000, price: 11 },
      { timestamp: 1000, price: 12 },
    ];
    const [candle] = buildCandles(same, { product: 'AAPL', intervalSeconds: 60 });
    expect([candle?.open, candle?.close]).toEqual([10, 12]);
  });

  it('builds the 25-hour day of a fall-back as one candle, and the hours around it separately', () => {
    const newYork = { product: 'AAPL', timeZone: 'America/New_York' };
    const dstTicks = [
      '2026-11-01T04:00:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-02T04:59:59Z',
    ].map((timestamp, i) => ({ timestamp, price: 100 + i }));
    const days = buildCandles(dstTicks, { ...newYork, intervalSeconds: 86400 });
    expect(days.map((c) => [c.bucket_start, c.ticks, c.open, c.close])).toEqual([
      ['2026-11-01T04:00:00.000Z', 4, 100, 103],
    ]);
    const hours = buildCandles(dstTicks, { ...newYork, intervalSeconds: 3600 });
    expect(hours.map((c) => c.bucket_start)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-02T04:00:00.000Z',
    ]);
  });

  it('ends the 23-hour day of a spring-forward at local midnight, before 24 h are up', () => {
    const ticks = ['2026-03-08T06:00:00Z', '2026-03-08T20:00:00Z', '2026-03-09T04:30:00Z'].map(
      (timestamp) => ({
        timestamp,
        price: 100,
      }),
    );
    const days = buildCandles(ticks, {
      product: 'AAPL',
      intervalSeconds: 86400,
      timeZone: 'America/New_York',
    });
    expect(days.map((c) => [c.bucket_start, c.ticks])).toEqual([
      ['2026-03-08T05:00:00.000Z', 2],
      ['2026-03-09T04:00:00.000Z', 1],
    ]);
  });

  it('is empty without ticks and rejects a bad tick, naming it', () => {
    expect(buildCandles([], spec)).toEqual([]);
    expect(() => buildCandles([{ timestamp: 0, price: 0 }], spec)).toThrow('ticks[0].price');
    expect(() => buildCandles([{ timestamp: 0, price: 1, volume: -1 }], spec)).toThrow('ticks[0].volume');
  });
});

describe('openCandle and updateCandle', () => {
  const spec = { product: 'NIFTY', intervalSeconds: 60, timeZone: 'Asia/Kolkata' };
  const at = (time: string) => Date.parse(`2026-11-24T${time}+05:30`);

  it('folds ticks of the same bucket in, keeping open and close by tick time even out of order', () => {
    let candle = openCandle({ timestamp: at('09:15:30'), price: 100, volume: 1 }, spec);
    candle = updateCandle(candle, { timestamp: at('09:15:50'), price: 103, volume: 2 }, 'Asia/Kolkata');
    candle = updateCandle(candle, { timestamp: at('09:15:10'), price: 99, volume: 3 }, 'Asia/Kolkata');
    candle = updateCandle(candle, { timestamp: at('09:15:40'), price: 101 }, 'Asia/Kolkata');
    expect(candle).toEqual({
      product: 'NIFTY',
      interval_seconds: 60,
      bucket_start: '2026-11-24T03:45:00.000Z',
      open: 99,
      high: 103,
      low: 99,
      close: 103,
      volume: 6,
      ticks: 4,
      first_tick_ms: at('09:15:10'),
      last_tick_ms: at('09:15:50'),
    });
  });

  it('agrees with buildCandles on the same ticks', () => {
    const ticks = [at('09:15:30'), at('09:15:50'), at('09:15:10'), at('09:15:40')].map((timestamp, i) => ({
      timestamp,
      price: 100 + ((i * 7) % 5),
      volume: i,
    }));
    const [first, ...rest] = ticks;
    const live = rest.reduce(
      (candle, tick) => updateCandle(candle, tick, 'Asia/Kolkata'),
      openCandle(first!, spec),
    );
    expect(buildCandles(ticks, spec)).toEqual([live]);
  });

  it('opens the next candle for a tick of a later bucket', () => {
    const candle = openCandle({ timestamp: at('09:15:30'), price: 100 }, spec);
    const next = updateCandle(candle, { timestamp: at('09:16:00'), price: 102, volume: 4 }, 'Asia/Kolkata');
    expect(next.bucket_start).toBe('2026-11-24T03:46:00.000Z');
    expect([next.open, next.close, next.volume, next.ticks]).toEqual([102, 102, 4, 1]);
  });

  it('ignores a tick of an earlier, closed bucket and returns the candle itself', () => {
    const candle = openCandle({ timestamp: at('09:16:30'), price: 100 }, spec);
    expect(updateCandle(candle, { timestamp: at('09:15:59'), price: 1 }, 'Asia/Kolkata')).toBe(candle);
  });
});
