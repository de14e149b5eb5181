import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enrichChain, indexContractBases, optionPremium } from '@deltastream/core/analytics';
import type { OptionChain } from '@deltastream/core/schemas';
import { flatVolChain } from '@deltastream/core/testing';
import { insertChainSnapshots, upsertProducts } from '@deltastream/db/queries';
import * as schema from '@deltastream/db/schema';
import { createTestDatabase, makeProduct, type TestDatabase } from '@deltastream/db/testing';
import { createSessionBases } from './session-bases';

const product = makeProduct(`SB${randomBytes(3).toString('hex').toUpperCase()}`);
const strikes = [23_900, 23_950, 24_000];
const chainOn = (date: string, seq: number, options: { expiry?: string; strikes?: number[] } = {}) =>
  flatVolChain(product, {
    expiry: options.expiry ?? '2026-12-29',
    timestamp: `${date}T04:00:${String(seq).padStart(2, '0')}.000Z`,
    seq,
    spot: 24_000 + seq,
    volatility: 0.15,
    strikes: options.strikes ?? strikes,
    oi: (strike) => strike / 10 + seq,
  });

let test: TestDatabase;
/** Every statement the session bases send, so the test can count round trips. */
const statements: string[] = [];
let stored: OptionChain;

beforeAll(async () => {
  test = await createTestDatabase();
  await upsertProducts(test.db, [product]);
  // The close of 2026-11-24 (Kolkata): one stored chain.
  stored = chainOn('2026-11-24', 1);
  const first = { basis: 'session_first' as const, contracts: indexContractBases([]) };
  await insertChainSnapshots(test.db, [
    enrichChain(stored, product, { session: first, previousSnapshot: null }, stored.timestamp),
  ]);
});
afterAll(async () => {
  await test.drop();
});
beforeEach(() => {
  statements.length = 0;
});

const recordingDb = () =>
  drizzle(test.sql, {
    schema,
    logger: { logQuery: (query, params) => statements.push(`${query} ${JSON.stringify(params)}`) },
  });
const count = (pattern: RegExp) => statements.filter((statement) => pattern.test(statement)).length;
/** hasChainSnapshotBefore: the session's basis. */
const BASIS = /select "seq" from "chain_snapshots"/;
/** A contract lookup finds the snapshot nearest the session first (and walks further only for contracts it lacks). */
const CONTRACTS = /select "id" from "chain_snapshots"/;

describe('session bases (real PostgreSQL)', () => {
  it('ask PostgreSQL once per session and once per contract, then answer from memory', async () => {
    const bases = createSessionBases(recordingDb());
    const next = await bases.forChain(chainOn('2026-11-25', 2), product);
    expect(next.basis).toBe('previous_close');
    const close = stored.calls[1]!;
    expect(next.contracts.CALL.get(23_950)).toEqual({
      open_interest: close.open_interest,
      premium: optionPremium(close),
    });
    expect([count(BASIS), count(CONTRACTS)]).toEqual([1, 1]);
    const sessionLoaded = statements.length;

    await bases.forChain(chainOn('2026-11-25', 3), product);
    expect(statements).toHaveLength(sessionLoaded);

    // A strike listed later in the session: one lookup for it alone, and it is new (never quoted before).
    const wider = await bases.forChain(chainOn('2026-11-25', 4, { strikes: [...strikes, 24_050] }), product);
    expect(count(CONTRACTS)).toBe(2);
    expect(statements.at(-1)).toContain('{24050,24050}');
    expect(wider.contracts.CALL.has(24_050)).toBe(false);
    const widerLoaded = statements.length;
    await bases.forChain(chainOn('2026-11-25', 5, { strikes: [...strikes, 24_050] }), product);
    expect(statements).toHaveLength(widerLoaded);

    // Another expiry, or the next session, is a base of its own.
    await bases.forChain(chainOn('2026-11-25', 6, { expiry: '2027-01-26' }), product);
    await bases.forChain(chainOn('2026-11-26', 7), product);
    expect([count(BASIS), count(CONTRACTS)]).toEqual([3, 4]);
  });

  it('load a session once however many chains ask for it at the same moment', async () => {
    const bases = createSessionBases(recordingDb());
    const [a, b] = await Promise.all([
      bases.forChain(chainOn('2026-11-27', 8), product),
      bases.forChain(chainOn('2026-11-27', 9), product),
    ]);
    expect(a).toBe(b);
    expect(count(BASIS)).toBe(1);
  });

  it('measure a fresh start from the first quotes it holds', async () => {
    const bases = createSessionBases(recordingDb());
    const first = chainOn('2026-11-24', 2);
    const base = await bases.forChain(first, product);
    expect(base.basis).toBe('session_first');
    // The stored chain 1 is the first quote of every contract in this session.
    expect(base.contracts.PUT.get(24_000)).toEqual({
      open_interest: stored.puts[2]!.open_interest,
      premium: optionPremium(stored.puts[2]!),
    });
    const listedNow = chainOn('2026-11-24', 3, { strikes: [...strikes, 24_100] });
    const withNew = await bases.forChain(listedNow, product);
    expect(withNew.contracts.CALL.has(24_100)).toBe(false);
    const enriched = enrichChain(
      listedNow,
      product,
      { session: withNew, previousSnapshot: null },
      listedNow.timestamp,
    );
    bases.remember(withNew, enriched);
    expect(withNew.contracts.CALL.get(24_100)).toEqual({
      open_interest: listedNow.calls[3]!.open_interest,
      premium: enriched.calls[3]!.mid,
    });
  });
});
