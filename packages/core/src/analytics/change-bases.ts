import type { ChangeBase, OptionType } from '../schemas';
import type { ContractBase } from './oi-buildup';

/** One contract's state with the contract it belongs to (one expiry): what the stores hand back. */
export interface ContractBaseEntry extends ContractBase {
  option_type: OptionType;
  strike: number;
}

/** Contract states by side, then strike: numeric keys, no string building per quote. */
export type ContractBases = Readonly<Record<OptionType, ReadonlyMap<number, ContractBase>>>;

export function indexContractBases(
  entries: readonly ContractBaseEntry[],
): Record<OptionType, Map<number, ContractBase>> {
  const bySide = { CALL: new Map<number, ContractBase>(), PUT: new Map<number, ContractBase>() };
  for (const entry of entries) {
    bySide[entry.option_type].set(entry.strike, {
      open_interest: entry.open_interest,
      premium: entry.premium,
    });
  }
  return bySide;
}

/**
 * What oi_change, price_change and buildup are measured against for one expiry in one trading session
 * (the exchange's local date), as exchanges and option-chain sites report them: against the previous
 * session's close, not against the snapshot a second earlier.
 *
 * `previous_close`: `contracts` holds each contract's last quote before the session began (its close of
 * the previous session, or of the last session it was quoted in). A contract not listed was never quoted
 * before: a new contract, whose previous open interest is 0 and which has no previous premium.
 *
 * `session_first`: nothing of the product was stored before the session (the first session after a
 * fresh start). A change against a close nobody saw would be invented, so each contract is measured from
 * its first quote of the session, held in `contracts`; a contract not listed is being quoted for the
 * first time this session and is its own base (its changes read 0).
 */
export interface SessionBase {
  basis: ChangeBase;
  contracts: ContractBases;
}

/** The state of the previous snapshot (the feed's prev_seq): the base of snapshot_oi_change and snapshot_price_change. */
export interface PreviousSnapshot {
  seq: number;
  quotes: readonly ContractBaseEntry[];
}

const NEW_CONTRACT: ContractBase = { open_interest: 0, premium: 0 };

/** The base of one contract of the session, `current` being the contract's quote being enriched. */
export function contractBase(
  session: SessionBase,
  optionType: OptionType,
  strike: number,
  current: ContractBase,
): ContractBase {
  const base = session.contracts[optionType].get(strike);
  if (base !== undefined) return base;
  return session.basis === 'previous_close' ? NEW_CONTRACT : current;
}

/** An enriched quote as the bases read it: `mid` is its premium (optionPremium). */
interface EnrichedContractQuote {
  option_type: OptionType;
  strike: number;
  open_interest: number;
  mid: number;
}

/**
 * The quotes of an enriched chain that became their own base (`session_first`, not listed yet): what a
 * holder of the session's base adds to it so the next snapshot is measured from them.
 */
export function firstQuotesOfSession(
  session: SessionBase,
  chain: { calls: readonly EnrichedContractQuote[]; puts: readonly EnrichedContractQuote[] },
): ContractBaseEntry[] {
  if (session.basis !== 'session_first') return [];
  const first: ContractBaseEntry[] = [];
  for (const quote of [...chain.calls, ...chain.puts]) {
    if (!session.contracts[quote.option_type].has(quote.strike)) first.push(contractBaseOf(quote));
  }
  return first;
}

/** One enriched quote's state: its open interest and its premium. */
export function contractBaseOf(quote: EnrichedContractQuote): ContractBaseEntry {
  return {
    option_type: quote.option_type,
    strike: quote.strike,
    open_interest: quote.open_interest,
    premium: quote.mid,
  };
}
