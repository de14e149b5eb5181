import { describe, expect, it } from 'vitest';
import { enqueueChains, enqueueTicks } from '@deltastream/bus/queues';
import type { EnrichedChain, OptionChain, UnderlyingTick } from '@deltastream/core/schemas';
import { flatVolChain } from '@deltastream/core/testing';
import { dailyIvPoints, intradayIvPoint } from '@deltastream/core/volatility';
import { getDailyCandles, getDailyIvPoints, getIntradayIvPoints } from '@deltastream/db/queries';
import { useWorkerHarness, waitFor } from './testing/harness';

const h = useWorkerHarness();

// Kolkata is UTC+05:30: Friday 2026-11-27 ends at 18:30Z, and the next date with chains is Monday. The near
// expiry is 11 days out on the first day, the far one 32, so the 30-day IV interpolates between them once
// both are cached.
const NEAR = '2026-12-08';
const FAR = '2026-12-29';
const strikes = Array.from({ length: 11 }, (_, i) => 21_300 + 50 * i);

function chain(expiry: string, seq: number, timestamp: string): OptionChain {
  return {
    ...flatVolChain(h.product, {
      expiry,
      timestamp,
      seq,
      spot: 21_537,
      volatility: expiry === NEAR ? 0.14 : 0.18,
      strikes,
    }),
    prev_seq: seq > 1 ? seq - 1 : null,
  };
}

function tick(tickId: number, timestamp: string, price: number): UnderlyingTick {
  return { type: 'UNDERLYING', product: h.product.symbol, tick_id: tickId, timestamp, price };
}

describe('volatility history recorded by the worker (real Redis and PostgreSQL)', () => {
  it('stores one IV point per minute and per exchange date, from the latest chain of every expiry, and daily candles', async () => {
    h.startWorker().start();
    let jobs = 0;
    /** Sends one chain and waits until its job, sampling included, has finished. */
    const send = async (sent: OptionChain) => {
      await enqueueChains(h.queues, [sent]);
      jobs += 1;
      await waitFor(async () => (await h.queues.chains.getCompletedCount()) === jobs, 15_000, `job ${jobs}`);
    };
    const sendTicks = async (ticks: UnderlyingTick[]) => {
      const before = h.events.ticks.length;
      await enqueueTicks(h.queues, ticks);
      await waitFor(() => h.events.ticks.length === before + ticks.length, 15_000, 'ticks');
    };

    await sendTicks([
      tick(1, '2026-11-27T04:29:30.000Z', 21_500),
      tick(2, '2026-11-27T04:30:20.000Z', 21_520),
    ]);
    const c1 = chain(NEAR, 1, '2026-11-27T04:29:50.000Z'); // opens minute 04:29: sampled alone
    const c2 = chain(FAR, 1, '2026-11-27T04:29:55.000Z'); // same minute: not sampled again
    const c3 = chain(NEAR, 2, '2026-11-27T04:30:10.000Z'); // opens 04:30: sampled with c2
    for (const sent of [c1, c2, c3]) await send(sent);
    // After Friday's last sample; its candle takes it in at Monday's first sample.
    await sendTicks([tick(3, '2026-11-27T09:00:00.000Z', 21_600)]);
    const c4 = chain(FAR, 2, '2026-11-30T04:00:00.000Z'); // the next trading date, with c3 still cached
    await send(c4);
    // A replay of the first minute's chain (another job id) is stored already and samples nothing.
    await h.queues.chains.add('chain', c1, { jobId: 'replayed' });
    jobs += 1;
    await waitFor(async () => (await h.queues.chains.getCompletedCount()) === jobs, 15_000, 'the replay');

    const enriched = (sent: OptionChain): EnrichedChain =>
      h.events.chains.find((e) => e.expiry === sent.expiry && e.seq === sent.seq)!;
    const live = (chains: OptionChain[], timestamp: string) =>
      intradayIvPoint(chains.map(enriched), { timestamp, source: 'live' });
    const expectedMinutes = [
      live([c1], c1.timestamp),
      live([c3, c2], c3.timestamp),
      live([c3, c4], c4.timestamp),
    ];
    // What these chains make of the 30-day IV: the near expiry alone, then interpolated with the far one.
    expect(expectedMinutes.map((p) => p.iv_30d)).toEqual([
      enriched(c1).atm_iv,
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(expectedMinutes[1]!.iv_30d).not.toBeCloseTo(expectedMinutes[0]!.iv_30d!, 3);

    const product = h.product.symbol;
    expect(await getIntradayIvPoints(h.database.db, { product, limit: 10 })).toEqual([
      { ...expectedMinutes[0], bucket_start: '2026-11-27T04:29:00.000Z' },
      { ...expectedMinutes[1], bucket_start: '2026-11-27T04:30:00.000Z' },
      { ...expectedMinutes[2], bucket_start: '2026-11-30T04:00:00.000Z' },
    ]);
    const days = await getDailyIvPoints(h.database.db, { product, limit: 10 });
    expect(days).toEqual(dailyIvPoints(expectedMinutes, h.product.time_zone));
    expect(days.map((day) => [day.date, day.iv_30d])).toEqual([
      ['2026-11-27', expectedMinutes[1]!.iv_30d],
      ['2026-11-30', expectedMinutes[2]!.iv_30d],
    ]);

    // The first date's candle from its 1-minute candles, the 14:30 tick included.
    const candles = await getDailyCandles(h.database.db, { product, limit: 10 });
    expect(
      candles.map(({ date, open, high, low, close, source }) => ({ date, open, high, low, close, source })),
    ).toEqual([
      { date: '2026-11-27', open: 21_500, high: 21_600, low: 21_500, close: 21_600, source: 'live' },
    ]);
  });
});
