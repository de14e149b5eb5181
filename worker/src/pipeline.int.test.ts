import { describe, expect, it } from 'vitest';
import { countStoredQuotes } from '@deltastream/db/testing';
import { sql } from 'drizzle-orm';
import { CACHE_KEYS, CACHE_TTL_SECONDS, getLatestChain } from '@deltastream/bus/cache';
import { enqueueChains, enqueueTicks } from '@deltastream/bus/queues';
import { stepTimes } from '@deltastream/simulator/sequence';
import { createMarketSimulator, type SimulatorOutput } from '@deltastream/simulator/simulator';
import { useWorkerHarness, waitFor } from './testing/harness';

const h = useWorkerHarness();

/**
 * Five seconds of the seeded market, enqueued at each step with the bus's enqueue functions and the
 * job ids they derive (the feed also batches ticks by the second; the worker takes jobs of any size).
 */
async function enqueueSimulatedRun(): Promise<SimulatorOutput> {
  const rates = { ticksPerSecond: 4, chainIntervalMs: 1000 };
  const simulator = createMarketSimulator({ products: [h.product], seed: 42, rates });
  const output: SimulatorOutput = { ticks: [], chains: [] };
  for (const nowMs of stepTimes(Date.parse('2026-11-24T04:00:00.000Z'), 5_000, rates)) {
    const { ticks, chains } = simulator.advance(nowMs);
    await enqueueTicks(h.queues, ticks);
    await enqueueChains(h.queues, chains);
    output.ticks.push(...ticks);
    output.chains.push(...chains);
  }
  return output;
}

describe('simulator → queues → worker pipeline (real Redis and PostgreSQL)', () => {
  it('turns a seeded simulator run into the expected rows, cache keys with TTLs and one event each', async () => {
    const output = await enqueueSimulatedRun();
    const expiries = [...new Set(output.chains.map((c) => c.expiry))];
    expect(output.chains.length).toBe(5 * expiries.length);
    expect(output.ticks.length).toBe(20);

    h.startWorker().start();
    await waitFor(
      () => h.events.chains.length === output.chains.length && h.events.ticks.length === output.ticks.length,
      30_000,
      'every event',
    );

    const [snapshots] = await h.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from chain_snapshots`,
    );
    const [ticks] = await h.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from underlying_ticks`,
    );
    expect(snapshots!.n).toBe(output.chains.length);
    expect(await countStoredQuotes(h.database.db)).toBe(
      output.chains.reduce((n, c) => n + c.calls.length + c.puts.length, 0),
    );
    expect(ticks!.n).toBe(output.ticks.length);

    const events = h.events.chains.map((c) => `${c.expiry}/${c.seq}`);
    expect(new Set(events).size).toBe(events.length);
    for (const expiry of expiries) {
      const last = output.chains.filter((c) => c.expiry === expiry).at(-1)!;
      const cached = await getLatestChain(h.redis, h.product.symbol, expiry);
      expect(cached?.seq).toBe(last.seq);
      // The snapshot change is against the feed's previous snapshot of the same expiry; the session's
      // change against its first snapshot (the feed's first run: nothing was stored before).
      const sent = output.chains.filter((c) => c.expiry === expiry);
      const previous = sent.at(-2)!;
      const strike = last.strikes.find((k) => previous.strikes.includes(k) && sent[0]!.strikes.includes(k))!;
      const oi = (chain: typeof last) => chain.calls.find((q) => q.strike === strike)!.open_interest;
      expect(cached!.calls.find((q) => q.strike === strike)).toMatchObject({
        snapshot_oi_change: oi(last) - oi(previous),
        oi_change: oi(last) - oi(sent[0]!),
      });
      expect(cached!.change_base).toBe('session_first');
      for (const key of [
        CACHE_KEYS.latestChain(h.product.symbol, expiry),
        CACHE_KEYS.latestPcr(h.product.symbol, expiry),
        CACHE_KEYS.latestQuotes(h.product.symbol, expiry),
      ]) {
        const ttl = await h.redis.ttl(key);
        expect(ttl, key).toBeGreaterThan(0);
        expect(ttl, key).toBeLessThanOrEqual(CACHE_TTL_SECONDS.latest);
      }
    }
    expect(await h.redis.ttl(CACHE_KEYS.latestUnderlying(h.product.symbol))).toBeGreaterThan(0);
  });
});
