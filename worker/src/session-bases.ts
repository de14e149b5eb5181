import {
  firstQuotesOfSession,
  indexContractBases,
  type ContractBase,
  type SessionBase,
} from '@deltastream/core/analytics';
import { zonedDate, zonedWallTimeToUtcMs } from '@deltastream/core/calendar';
import type { EnrichedChain, OptionChain, OptionType, Product } from '@deltastream/core/schemas';
import type { Db } from '@deltastream/db/client';
import { getFirstQuotesBetween, getLastQuotesBefore, hasChainSnapshotBefore } from '@deltastream/db/queries';

/** One (product, expiry, session)'s base as this process holds it. */
export interface HeldSessionBase extends SessionBase {
  contracts: Record<OptionType, Map<number, ContractBase>>;
  /** Contracts already looked up in PostgreSQL, found or not: each is asked for once per session. */
  lookedUp: Record<OptionType, Set<number>>;
  /** Local midnight of the session's date: where the previous session ends. */
  startMs: number;
}

/**
 * The base each chain's oi_change, price_change and buildup are measured against (core's SessionBase),
 * per (product, expiry, trading session) — the session being the exchange's local date of the chain's
 * timestamp. Everything comes from PostgreSQL, the one record every replica shares: the basis once per
 * session (was anything of the product stored before local midnight?), and each contract's state once,
 * when the contract is first seen (its last quote before midnight, or under `session_first` its first
 * quote since). The answer is then held in the process, so the hot path costs map lookups.
 *
 * Correct with several replicas and across restarts because the answers are functions of stored history
 * that cannot change any more: a session's previous close is complete before the session's first chain is
 * enriched (chains of an expiry are processed in seq order, prev_seq), and a contract's first quote of the
 * session is stored before any later chain of that expiry is enriched. Bounded: the oldest session goes when
 * a new one would exceed `maxSessions`.
 */
export function createSessionBases(db: Db, maxSessions = 1_000) {
  const held = new Map<string, Promise<HeldSessionBase>>();

  async function load(product: Product, session: string): Promise<HeldSessionBase> {
    const startMs = zonedWallTimeToUtcMs(session, '00:00', product.time_zone);
    const storedBefore = await hasChainSnapshotBefore(db, {
      product: product.symbol,
      before: new Date(startMs),
    });
    return {
      basis: storedBefore ? 'previous_close' : 'session_first',
      contracts: indexContractBases([]),
      lookedUp: { CALL: new Set(), PUT: new Set() },
      startMs,
    };
  }

  function heldFor(product: Product, expiry: string, session: string): Promise<HeldSessionBase> {
    const key = `${product.symbol}|${expiry}|${session}`;
    let base = held.get(key);
    if (!base) {
      base = load(product, session);
      held.set(key, base);
      // A failed load is asked again by the next chain rather than remembered.
      base.catch(() => held.delete(key));
      if (held.size > maxSessions) held.delete(held.keys().next().value as string);
    }
    return base;
  }

  return {
    /** The session base of `chain`, with every contract the chain quotes looked up. */
    async forChain(chain: OptionChain, product: Product): Promise<HeldSessionBase> {
      const session = zonedDate(Date.parse(chain.timestamp), product.time_zone);
      const base = await heldFor(product, chain.expiry, session);
      const missing = [...chain.calls, ...chain.puts].filter(
        (quote) => !base.lookedUp[quote.option_type].has(quote.strike),
      );
      if (missing.length === 0) return base;
      const query = { product: chain.product, expiry: chain.expiry, contracts: missing };
      const found =
        base.basis === 'previous_close'
          ? await getLastQuotesBefore(db, { ...query, before: new Date(base.startMs) })
          : await getFirstQuotesBetween(db, {
              ...query,
              from: new Date(base.startMs),
              through: new Date(chain.timestamp),
            });
      for (const quote of missing) base.lookedUp[quote.option_type].add(quote.strike);
      for (const { option_type: type, strike, open_interest, premium } of found) {
        if (!base.contracts[type].has(strike)) base.contracts[type].set(strike, { open_interest, premium });
      }
      return base;
    },

    /**
     * After enrichment: under `session_first`, the contracts quoted for the first time this session are
     * the base of the session's later chains.
     */
    remember(base: HeldSessionBase, enriched: EnrichedChain): void {
      for (const { option_type: type, strike, ...state } of firstQuotesOfSession(base, enriched)) {
        base.contracts[type].set(strike, state);
      }
    },
  };
}
export type SessionBases = ReturnType<typeof createSessionBases>;
