import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainSnapshots } from '../schema';
import { countStoredQuotes, dateFromToday, explainQueries, makeChain, makeProduct } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import {
  getChainAtmIvsAt,
  getChainHistory,
  getFirstQuotesBetween,
  getLastQuotesBefore,
  getLatestChain,
  getLatestChains,
  getPreviousQuotes,
  hasChainSnapshotBefore,
  getRecentChains,
  insertChainSnapshots,
  listExpiries,
} from './chains';

describe('chains', () => {
  const test = useTestDatabase([
    makeProduct('NIFTY'),
    makeProduct('BULK'),
    makeProduct('TIMED'),
    makeProduct('BASES'),
    makeProduct('TERMS'),
  ]);

  const t0 = Date.parse('2026-03-02T04:00:00.000Z');
  const at = (seconds: number) => new Date(t0 + seconds * 1000);
  const past = dateFromToday(-7);
  const near = dateFromToday(7);
  const far = dateFromToday(35);
  const nifty = (expiry: string, seq: number) => makeChain({ product: 'NIFTY', expiry, seq, at: at(seq) });

  const rowCounts = async () => ({
    snapshots: (await test.db.select({ n: count() }).from(chainSnapshots))[0]?.n,
    quotes: await countStoredQuotes(test.db),
  });

  it('insertChainSnapshots stores snapshots and quotes once and reports only new chains', async () => {
    const first = [nifty(near, 1), nifty(near, 2), nifty(far, 1)];
    expect(await insertChainSnapshots(test.db, first)).toEqual(first);
    expect(await rowCounts()).toEqual({ snapshots: 3, quotes: 30 });

    expect(await insertChainSnapshots(test.db, first)).toEqual([]);
    expect(await rowCounts()).toEqual({ snapshots: 3, quotes: 30 });

    const next = [nifty(near, 3), nifty(past, 1)];
    expect(await insertChainSnapshots(test.db, [first[0]!, next[0]!, next[1]!, next[0]!])).toEqual(next);
    expect(await rowCounts()).toEqual({ snapshots: 5, quotes: 50 });
    expect(await insertChainSnapshots(test.db, [])).toEqual([]);
  });

  it('getLatestChain returns the stored chain as enriched', async () => {
    expect(await getLatestChain(test.db, { product: 'NIFTY', expiry: near })).toEqual(nifty(near, 3));
    expect(await getLatestChain(test.db, { product: 'NIFTY', expiry: far })).toEqual(nifty(far, 1));
    expect(await getLatestChain(test.db, { product: 'NIFTY', expiry: dateFromToday(100) })).toBeNull();
  });

  it('getRecentChains returns the newest `limit` snapshots of one expiry, newest first', async () => {
    expect(await getRecentChains(test.db, { product: 'NIFTY', expiry: near, limit: 2 })).toEqual([
      nifty(near, 3),
      nifty(near, 2),
    ]);
    expect(await getRecentChains(test.db, { product: 'NIFTY', expiry: near, limit: 10 })).toHaveLength(3);
    expect(
      await getRecentChains(test.db, { product: 'NIFTY', expiry: dateFromToday(100), limit: 5 }),
    ).toEqual([]);
  });

  it('getLatestChains returns the latest chain of each live expiry, listExpiries every expiry', async () => {
    expect(await getLatestChains(test.db, 'NIFTY')).toEqual([nifty(near, 3), nifty(far, 1)]);
    expect(await getLatestChains(test.db, 'SENSEX')).toEqual([]);
    expect(await listExpiries(test.db, 'NIFTY')).toEqual([past, near, far]);
    expect(await listExpiries(test.db, 'SENSEX')).toEqual([]);
  });

  it('getChainHistory returns the metrics newest first within [start, end)', async () => {
    const history = await getChainHistory(test.db, { product: 'NIFTY', expiry: near, limit: 10 });
    expect(history.map((h) => h.seq)).toEqual([3, 2, 1]);
    const chain = nifty(near, 3);
    expect(history[0]).toEqual({
      product: 'NIFTY',
      expiry: near,
      seq: 3,
      timestamp: chain.timestamp,
      spot_price: chain.spot_price,
      time_to_expiry_years: chain.time_to_expiry_years,
      pcr_oi: chain.pcr_oi,
      pcr_volume: chain.pcr_volume,
      atm_strike: chain.atm_strike,
      atm_straddle_price: chain.atm_straddle_price,
      implied_move: chain.implied_move,
      implied_move_pct: chain.implied_move_pct,
      atm_iv: chain.atm_iv,
      max_pain_strike: chain.max_pain_strike,
      total_call_oi: chain.total_call_oi,
      total_put_oi: chain.total_put_oi,
      total_call_volume: chain.total_call_volume,
      total_put_volume: chain.total_put_volume,
      call_buildup_otm: chain.call_buildup_otm,
      put_buildup_otm: chain.put_buildup_otm,
      gamma_exposure: chain.gamma_exposure,
    });
    const window = await getChainHistory(test.db, {
      product: 'NIFTY',
      expiry: near,
      start: at(2),
      end: at(3),
      limit: 10,
    });
    expect(window.map((h) => h.seq)).toEqual([2]);
    const limited = await getChainHistory(test.db, { product: 'NIFTY', expiry: near, limit: 1 });
    expect(limited.map((h) => h.seq)).toEqual([3]);
  });

  it('getPreviousQuotes returns the per-contract OI and premium of the latest (or preceding) snapshot', async () => {
    const latest = nifty(near, 3);
    const previous = await getPreviousQuotes(test.db, { product: 'NIFTY', expiry: near });
    expect(previous?.seq).toBe(3);
    expect(previous?.timestamp).toBe(latest.timestamp);
    const byKey = (q: { option_type: string; strike: number }) => `${q.option_type}:${q.strike}`;
    const expected = [...latest.calls, ...latest.puts]
      .map((q) => ({
        option_type: q.option_type,
        strike: q.strike,
        open_interest: q.open_interest,
        premium: q.mid,
      }))
      .sort((a, b) => byKey(a).localeCompare(byKey(b)));
    expect(previous?.quotes.sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(expected);
    expect(expected.some((q) => q.premium !== latest.calls[0]!.last)).toBe(true);

    expect((await getPreviousQuotes(test.db, { product: 'NIFTY', expiry: near, beforeSeq: 3 }))?.seq).toBe(2);
    expect(await getPreviousQuotes(test.db, { product: 'NIFTY', expiry: near, beforeSeq: 1 })).toBeNull();
    expect(await getPreviousQuotes(test.db, { product: 'NIFTY', expiry: dateFromToday(100) })).toBeNull();
  });

  describe('the bases of a trading session (Asia/Kolkata: 2026-03-03 begins at 2026-03-02T18:30Z)', () => {
    const sessionStart = new Date('2026-03-02T18:30:00.000Z');
    const expiry = dateFromToday(9);
    // Monday 09:30 IST: seq 1 lists five strikes, seq 2 and 3 the lowest three. Tuesday 09:30 IST: seq 4, 5.
    const day = (date: string, seq: number, strikes: number) =>
      makeChain({ product: 'BASES', expiry, seq, at: new Date(`${date}T04:00:${seq}0.000Z`), strikes });
    const chains = [
      day('2026-03-02', 1, 5),
      day('2026-03-02', 2, 3),
      day('2026-03-02', 3, 3),
      day('2026-03-03', 4, 5),
      day('2026-03-03', 5, 5),
    ];
    const contracts = [
      { option_type: 'CALL', strike: 24_000 },
      { option_type: 'CALL', strike: 24_100 },
      { option_type: 'PUT', strike: 23_900 },
      { option_type: 'CALL', strike: 25_000 },
    ] as const;
    const state = (chain: (typeof chains)[number], type: 'calls' | 'puts', strike: number) => {
      const quote = chain[type].find((q) => q.strike === strike)!;
      return {
        option_type: quote.option_type,
        strike,
        open_interest: quote.open_interest,
        premium: quote.mid,
      };
    };
    const byKey = (q: { option_type: string; strike: number }) => `${q.option_type}:${q.strike}`;
    const sorted = <T extends { option_type: string; strike: number }>(rows: T[]) =>
      rows.sort((a, b) => byKey(a).localeCompare(byKey(b)));

    beforeAll(async () => {
      await insertChainSnapshots(test.db, chains);
    });

    it('hasChainSnapshotBefore says whether the product has anything stored before an instant', async () => {
      expect(await hasChainSnapshotBefore(test.db, { product: 'BASES', before: sessionStart })).toBe(true);
      const mondayStart = new Date('2026-03-01T18:30:00.000Z');
      expect(await hasChainSnapshotBefore(test.db, { product: 'BASES', before: mondayStart })).toBe(false);
      expect(await hasChainSnapshotBefore(test.db, { product: 'SENSEX', before: sessionStart })).toBe(false);
    });

    it("getLastQuotesBefore finds each contract's last quote before the session, however old", async () => {
      const found = await getLastQuotesBefore(test.db, {
        product: 'BASES',
        expiry,
        contracts,
        before: sessionStart,
      });
      // 24,100 left the ladder after seq 1: its close is from seq 1. 25,000 was never quoted.
      expect(sorted(found)).toEqual(
        sorted([
          state(chains[2]!, 'calls', 24_000),
          state(chains[0]!, 'calls', 24_100),
          state(chains[2]!, 'puts', 23_900),
        ]),
      );
      expect(
        await getLastQuotesBefore(test.db, { product: 'BASES', expiry, contracts: [], before: sessionStart }),
      ).toEqual([]);
    });

    it("getFirstQuotesBetween finds each contract's first quote of the session up to an instant", async () => {
      const query = { product: 'BASES', expiry, contracts, from: sessionStart };
      const throughLast = await getFirstQuotesBetween(test.db, {
        ...query,
        through: new Date(chains[4]!.timestamp),
      });
      expect(sorted(throughLast)).toEqual(
        sorted([
          state(chains[3]!, 'calls', 24_000),
          state(chains[3]!, 'calls', 24_100),
          state(chains[3]!, 'puts', 23_900),
        ]),
      );
      const beforeFirst = new Date(Date.parse(chains[3]!.timestamp) - 1);
      expect(await getFirstQuotesBetween(test.db, { ...query, through: beforeFirst })).toEqual([]);
    });
  });

  it('getChainAtmIvsAt reads each expiry as it stood at an instant, within one snapshot', async () => {
    // 2026-03-02T04:00Z is 09:30 in Kolkata. The IV and the time to expiry tell which chain was read.
    const chain = (expiry: string, seq: number, seconds: number, atmIv: number | null) => ({
      ...makeChain({ product: 'TERMS', expiry, seq, at: at(seconds), strikes: 2 }),
      time_to_expiry_years: 0.01 * seq,
      atm_iv: atmIv,
    });
    await insertChainSnapshots(test.db, [
      chain('2026-02-26', 1, -5 * 86_400, 0.5), // expired before 2026-03-02
      chain('2026-03-05', 2, -60, 0.1),
      chain('2026-03-05', 3, 0, 0.11),
      chain('2026-03-05', 4, 60, 0.12),
      chain('2026-03-26', 5, -120, 0.2),
      chain('2026-03-26', 6, 30, null),
      chain('2026-04-30', 7, -600, 0.4), // stopped ten minutes before: not of the same snapshot
    ]);
    const read = async (seconds: number) =>
      (await getChainAtmIvsAt(test.db, { product: 'TERMS', at: at(seconds) })).map(
        (c) => `${c.expiry} ${c.timestamp} ${c.time_to_expiry_years} ${c.atm_iv}`,
      );
    expect(await read(0)).toEqual([
      `2026-03-05 ${at(0).toISOString()} 0.03 0.11`,
      `2026-03-26 ${at(-120).toISOString()} 0.05 0.2`,
    ]);
    expect(await read(59)).toEqual([
      `2026-03-05 ${at(0).toISOString()} 0.03 0.11`,
      `2026-03-26 ${at(30).toISOString()} 0.06 null`,
    ]);
    expect(await read(3600)).toEqual([
      `2026-03-05 ${at(60).toISOString()} 0.04 0.12`,
      `2026-03-26 ${at(30).toISOString()} 0.06 null`,
    ]);
    expect(await read(-540)).toEqual([`2026-04-30 ${at(-600).toISOString()} 0.07 0.4`]);
    expect(await read(-6 * 86_400)).toEqual([]);
  });

  it('latest and history reads use their indexes', async () => {
    const expiries = [dateFromToday(3), dateFromToday(10), dateFromToday(17), dateFromToday(24)];
    for (const expiry of expiries) {
      const batch = Array.from({ length: 500 }, (_, i) =>
        makeChain({ product: 'BULK', expiry, seq: i, at: at(i), strikes: 2 }),
      );
      await insertChainSnapshots(test.db, batch);
    }
    await test.sql`analyze chain_snapshots`;
    await test.sql`analyze chain_quotes`;

    const expiry = expiries[1]!;
    const plans = {
      latestChain: await explainQueries(test.sql, (db) => getLatestChain(db, { product: 'BULK', expiry })),
      latestChains: await explainQueries(test.sql, (db) => getLatestChains(db, 'BULK')),
      expiries: await explainQueries(test.sql, (db) => listExpiries(db, 'BULK')),
      history: await explainQueries(test.sql, (db) =>
        getChainHistory(db, { product: 'BULK', expiry, start: at(100), end: at(200), limit: 50 }),
      ),
      close: await explainQueries(test.sql, (db) =>
        getLastQuotesBefore(db, {
          product: 'BULK',
          expiry,
          contracts: [
            { option_type: 'CALL', strike: 23_950 },
            { option_type: 'PUT', strike: 23_900 },
          ],
          before: at(400),
        }),
      ),
      sessionFirst: await explainQueries(test.sql, (db) =>
        getFirstQuotesBetween(db, {
          product: 'BULK',
          expiry,
          contracts: [{ option_type: 'CALL', strike: 23_950 }],
          from: at(100),
          through: at(400),
        }),
      ),
      before: await explainQueries(test.sql, (db) =>
        hasChainSnapshotBefore(db, { product: 'BULK', before: at(400) }),
      ),
      atmIvsAt: await explainQueries(test.sql, (db) =>
        getChainAtmIvsAt(db, { product: 'BULK', at: at(300) }),
      ),
    };
    expect(plans.latestChain).toMatch(/Index Scan using chain_snapshots_product_expiry_ts_idx/);
    expect(plans.latestChain).not.toMatch(/Seq Scan on chain_quotes/);
    expect(plans.latestChains).not.toMatch(/Seq Scan on chain_quotes/);
    expect(plans.latestChains).toMatch(/Index Scan using chain_snapshots_product_expiry_ts_idx/);
    expect(plans.latestChains).not.toMatch(/Seq Scan on chain_snapshots/);
    expect(plans.expiries).not.toMatch(/Seq Scan on chain_snapshots/);
    expect(plans.history).toMatch(/Index Scan using chain_snapshots_product_expiry_ts_idx/);
    for (const plan of [plans.close, plans.sessionFirst]) {
      expect(plan).toMatch(/Index Scan( Backward)? using chain_snapshots_product_expiry_ts_idx/);
      expect(plan).not.toMatch(/Seq Scan on (chain_quotes|chain_snapshots)/);
    }
    expect(plans.before).not.toMatch(/Seq Scan on chain_snapshots/);
    expect(plans.atmIvsAt).toMatch(/Index Scan using chain_snapshots_product_expiry_ts_idx/);
    expect(plans.atmIvsAt).not.toMatch(/Seq Scan on chain_snapshots/);
    expect(await getLatestChains(test.db, 'BULK')).toHaveLength(4);
  });

  it('insertChainSnapshots: time for 10 chains × 200 quotes (reported, not asserted)', async ({
    annotate,
  }) => {
    const expiry = dateFromToday(14);
    const timings: number[] = [];
    for (let run = 0; run < 5; run++) {
      const chains = Array.from({ length: 10 }, (_, i) =>
        makeChain({ product: 'TIMED', expiry, seq: run * 10 + i, at: at(run * 10 + i), strikes: 100 }),
      );
      const started = performance.now();
      expect(await insertChainSnapshots(test.db, chains)).toHaveLength(10);
      timings.push(performance.now() - started);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    await annotate(
      `insertChainSnapshots, 10 chains × 200 quotes: median ${sorted[2]!.toFixed(1)} ms ` +
        `(runs: ${timings.map((t) => t.toFixed(1)).join(', ')} ms)`,
    );
  });
});
