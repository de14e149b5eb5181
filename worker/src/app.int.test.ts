import { describe, expect, it } from 'vitest';
import { CACHE_KEYS, getLatestChain, getLatestUnderlying } from '@deltastream/bus/cache';
import { enqueueChains, enqueueTicks } from '@deltastream/bus/queues';
import { chainJobId } from '@deltastream/bus/job-id';
import type { UnderlyingTick } from '@deltastream/core/schemas';
import { getCandles, getLatestChain as getStoredChain, getTicks } from '@deltastream/db/queries';
import { countStoredQuotes } from '@deltastream/db/testing';
import { sql } from 'drizzle-orm';
import { flatVolChain } from '@deltastream/core/testing';
import { useWorkerHarness, waitFor } from './testing/harness';

const h = useWorkerHarness();

const strikes = Array.from({ length: 11 }, (_, i) => 21_300 + 50 * i);
const chainAt = (seq: number, oi = 1000) => ({
  ...flatVolChain(h.product, {
    expiry: '2026-12-29',
    timestamp: new Date(Date.parse('2026-11-24T05:00:00.000Z') + seq * 1000).toISOString(),
    seq,
    spot: 21_537,
    volatility: 0.16,
    strikes,
    oi: () => oi + seq * 10,
  }),
  prev_seq: seq > 1 ? seq - 1 : null,
});

async function countRows(table: 'chain_snapshots' | 'underlying_ticks'): Promise<number> {
  const rows = await h.database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return rows[0]!.n;
}

describe('worker pipeline (real Redis and PostgreSQL)', () => {
  it('enriches, persists, caches with a TTL and publishes every chain and tick once', async () => {
    h.startWorker().start();
    await enqueueChains(h.queues, [chainAt(1), chainAt(2), chainAt(3)]);
    const ticks: UnderlyingTick[] = [0, 1, 2, 3, 4].map((i) => ({
      type: 'UNDERLYING',
      product: h.product.symbol,
      price: 21_500 + i,
      timestamp: new Date(Date.parse('2026-11-24T04:00:00.000Z') + i * 20_000).toISOString(),
      tick_id: 100 + i,
    }));
    await enqueueTicks(h.queues, ticks);

    await waitFor(() => h.events.chains.length === 3 && h.events.ticks.length === 5, 15_000, 'events');
    expect(await countRows('chain_snapshots')).toBe(3);
    expect(await countStoredQuotes(h.database.db)).toBe(3 * 2 * strikes.length);
    expect(await countRows('underlying_ticks')).toBe(5);

    const stored = await getStoredChain(h.database.db, { product: h.product.symbol, expiry: '2026-12-29' });
    expect(stored?.seq).toBe(3);
    // Against the first snapshot of this first session (nothing was stored before it), and one step.
    expect(stored).toMatchObject({ change_base: 'session_first' });
    expect(stored?.calls[0]).toMatchObject({ oi_change: 20, snapshot_oi_change: 10 });
    expect(stored?.calls[0]?.iv).toBeCloseTo(0.16, 9);

    const cached = await getLatestChain(h.redis, h.product.symbol, '2026-12-29');
    expect(cached?.seq).toBe(3);
    const ttl = await h.redis.ttl(CACHE_KEYS.latestChain(h.product.symbol, '2026-12-29'));
    expect(ttl).toBeGreaterThan(200);
    expect(ttl).toBeLessThanOrEqual(300);
    expect((await getLatestUnderlying(h.redis, h.product.symbol))?.tick_id).toBe(104);
    expect(h.events.ticks.map((t) => t.change)).toEqual([0, 1, 2, 3, 4]);

    const candles = await getCandles(h.database.db, {
      product: h.product.symbol,
      intervalSeconds: 60,
      limit: 10,
    });
    expect(candles.map((c) => [c.open, c.high, c.low, c.close, c.ticks])).toEqual([
      [21_500, 21_502, 21_500, 21_502, 3],
      [21_503, 21_504, 21_503, 21_504, 2],
    ]);
  });

  it('gives a job enqueued twice, or the same data under another id, one row and one event', async () => {
    h.startWorker().start();
    const chain7 = { ...chainAt(7), prev_seq: null };
    await enqueueChains(h.queues, [chain7]);
    await enqueueChains(h.queues, [chain7]);
    await waitFor(() => h.events.chains.length === 1, 15_000, 'first event');
    await h.queues.chains.add('chain', chain7, {
      jobId: `${chainJobId(h.product.symbol, '2026-12-29', 7)}-again`,
    });
    await waitFor(async () => (await h.queues.chains.getCompletedCount()) === 2, 15_000, 'second job');
    const ticks = [
      {
        type: 'UNDERLYING' as const,
        product: h.product.symbol,
        price: 1,
        timestamp: '2026-11-24T04:00:00.000Z',
        tick_id: 1,
      },
    ];
    await enqueueTicks(h.queues, ticks);
    await h.queues.ticks.add('ticks', { ticks }, { jobId: 'same-tick-other-id' });
    await waitFor(async () => (await h.queues.ticks.getCompletedCount()) === 2, 15_000, 'tick jobs');

    expect(await countRows('chain_snapshots')).toBe(1);
    expect(await countRows('underlying_ticks')).toBe(1);
    expect(h.events.chains).toHaveLength(1);
    expect(h.events.ticks).toHaveLength(1);
    expect(await getTicks(h.database.db, { product: h.product.symbol, limit: 10 })).toHaveLength(1);
  });

  // The good chain names the malformed one as its predecessor: it waits for it, then goes on without it.
  it('dead-letters a malformed chain with an error naming the field, and keeps going', async () => {
    const app = h.startWorker();
    app.start();
    const bad = chainAt(1);
    bad.calls[2] = { ...bad.calls[2]!, open_interest: -5 };
    await h.queues.chains.add('chain', bad, { jobId: 'malformed', attempts: 5 });
    await h.queues.chains.add('chain', { product: h.product.symbol } as never, { jobId: 'truncated' });
    await enqueueChains(h.queues, [chainAt(2)]);

    await waitFor(async () => (await h.queues.deadLetter.count()) === 2, 15_000, 'dead letters');
    const entries = await h.queues.deadLetter.getJobs(['waiting']);
    const malformed = entries.find((job) => job.data.job_id === 'malformed')!;
    expect(malformed.data.error).toContain('calls.2.open_interest');
    expect(malformed.data.attempts_made).toBe(1);
    expect(malformed.data.data).toEqual(bad);
    expect(entries.find((job) => job.data.job_id === 'truncated')!.data.error).toMatch(/expiry/);
    await waitFor(() => h.events.chains.length === 1, 15_000, 'the good chain');
    expect(await countRows('chain_snapshots')).toBe(1);
    expect((await app.readiness()).ready).toBe(true);
  });
});
