import { describe, expect, it } from 'vitest';
import { optionPremium } from '@deltastream/core/analytics';
import { flatVolChain } from '@deltastream/core/testing';
import type { EnrichedChain, OptionChain } from '@deltastream/core/schemas';
import { enqueueChains } from '@deltastream/bus/queues';
import { getRecentChains } from '@deltastream/db/queries';
import { useWorkerHarness, waitFor } from './testing/harness';

const h = useWorkerHarness();

const expiry = '2026-12-29';
const strikes = Array.from({ length: 11 }, (_, i) => 21_300 + 50 * i);
const NEW_STRIKE = 21_850;

/**
 * The harness's product trades on Kolkata's clock, so 2026-11-24 and 2026-11-25 are two sessions, split at
 * 2026-11-24T18:30Z. Chains 1–3 on the first day (OI 1,000 + 10·seq), chains 4–7 on the second (OI
 * 2,000 + 7·seq, and a strike listed that day). Spot moves between the days, so premiums move too.
 */
function chainAt(seq: number): OptionChain {
  const secondDay = seq >= 4;
  return {
    ...flatVolChain(h.product, {
      expiry,
      timestamp: new Date(
        Date.parse(secondDay ? '2026-11-25T04:00:00.000Z' : '2026-11-24T04:00:00.000Z') + seq * 1000,
      ).toISOString(),
      seq,
      spot: secondDay ? 21_640 : 21_537,
      volatility: 0.16,
      strikes: secondDay ? [...strikes, NEW_STRIKE] : strikes,
      oi: () => (secondDay ? 2_000 + 7 * seq : 1_000 + 10 * seq),
    }),
    prev_seq: seq > 1 ? seq - 1 : null,
  };
}

async function storedBySeq(): Promise<Map<number, EnrichedChain>> {
  const stored = await getRecentChains(h.database.db, { product: h.product.symbol, expiry, limit: 100 });
  return new Map(stored.map((chain) => [chain.seq, chain]));
}

const call = <Q extends { strike: number }>(chain: { calls: readonly Q[] }, strike: number): Q =>
  chain.calls.find((quote) => quote.strike === strike)!;

describe('OI change and build-up against the previous session (real Redis and PostgreSQL)', () => {
  it('measures from the previous close across a session boundary, with two workers and after a restart', async ({
    annotate,
  }) => {
    const sent = new Map([1, 2, 3, 4, 5, 6, 7].map((seq) => [seq, chainAt(seq)]));
    const send = (seqs: number[]) =>
      enqueueChains(
        h.queues,
        seqs.map((seq) => sent.get(seq)!),
      );
    // The first day on one worker: it measures each chain from the first one it holds.
    // Chains of one expiry wait for their predecessor as long as the machine needs (the default gives up
    // after a second, which a loaded machine can exceed): the snapshot changes are exact one-step changes.
    const exact = { predecessorWaitMs: 30_000 };
    const first = h.startWorker(exact);
    first.start();
    await send([1, 2, 3]);
    await waitFor(() => h.events.chains.length === 3, 30_000, 'the first day');
    // The second day on two: each finds the previous close on its own.
    const second = h.startWorker(exact);
    second.start();
    await send([4, 5, 6]);
    await waitFor(() => h.events.chains.length === 6, 30_000, 'the second day');
    const handled = async (app: typeof first) =>
      (await app.metrics.jobs.get()).values.reduce((n, { value }) => n + value, 0);
    await annotate(
      `second day's chains stored by each worker: ${(await handled(first)) - 3} and ${await handled(second)}`,
    );

    const stored = await storedBySeq();
    const strike = 21_550;
    const premium = (seq: number, at = strike) => optionPremium(call(sent.get(seq)!, at));

    // The first session after a fresh start: no close was stored, so changes run from its first snapshot.
    expect(stored.get(1)).toMatchObject({ change_base: 'session_first' });
    expect(call(stored.get(1)!, strike)).toMatchObject({
      oi_change: 0,
      price_change: 0,
      buildup: 'NEUTRAL',
      snapshot_oi_change: null,
      snapshot_price_change: null,
    });
    expect(call(stored.get(3)!, strike)).toMatchObject({ oi_change: 20, snapshot_oi_change: 10 });

    // The second session: against the first day's close (seq 3), while the snapshot change stays one step.
    for (const seq of [4, 5, 6]) {
      const quote = call(stored.get(seq)!, strike);
      expect(stored.get(seq)!.change_base).toBe('previous_close');
      expect(quote.oi_change).toBe(2_000 + 7 * seq - 1_030);
      expect(quote.price_change).toBe(premium(seq) - premium(3));
      expect(quote.buildup).toBe('LONG_BUILDUP');
    }
    expect(call(stored.get(4)!, strike).snapshot_oi_change).toBe(2_028 - 1_030);
    expect(call(stored.get(5)!, strike)).toMatchObject({
      snapshot_oi_change: 7,
      snapshot_price_change: premium(5) - premium(4),
    });
    // Listed on the second day: a new contract, from no open interest and no price.
    expect(call(stored.get(5)!, NEW_STRIKE)).toMatchObject({
      oi_change: 2_035,
      price_change: null,
      buildup: 'NEUTRAL',
    });

    // Every process forgets what it held; a fresh one finds the same close in PostgreSQL.
    await Promise.all([first.stop(), second.stop()]);
    h.startWorker(exact).start();
    await send([7]);
    await waitFor(() => h.events.chains.length === 7, 30_000, 'the chain after the restart');
    const afterRestart = call((await storedBySeq()).get(7)!, strike);
    expect(afterRestart).toMatchObject({ oi_change: 2_049 - 1_030, snapshot_oi_change: 7 });
    expect(afterRestart.price_change).toBe(premium(7) - premium(3));
  }, 120_000);
});
