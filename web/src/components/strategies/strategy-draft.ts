import type { EnrichedChain, EnrichedOptionQuote } from '@deltastream/core/schemas';
import type { OptionLeg, Strategy, StrategyLeg, TradeSide } from '@deltastream/core/strategy';
import { optionLegFromChain } from '../../contracts/strategy-legs';

/**
 * The strategy on the builder: its product, its legs as entered (each with its entry price and IV), and
 * what it came from (a preset's or a saved strategy's name), if anything. Plain data in, plain data out.
 */
export interface StrategyDraft extends Strategy {
  label?: string;
}

export const emptyDraft = (product: string): StrategyDraft => ({ product, legs: [] });

/** A leg entered at a clicked price of the chain: one lot, bought at the ask or sold at the bid. */
export function pickedLeg(quote: EnrichedOptionQuote, side: TradeSide, chain: EnrichedChain): OptionLeg {
  const { expiry, strike, option_type } = quote;
  return optionLegFromChain({ kind: 'option', expiry, strike, option_type, side, lots: 1 }, [chain], 'leg');
}

/** What the leg table edits. */
export type LegChange = Partial<Pick<OptionLeg, 'side' | 'lots' | 'strike' | 'expiry' | 'option_type'>>;

/** A change of contract or side makes a new trade: the leg is entered again at the live quote. */
export function needsRepricing(leg: StrategyLeg, change: LegChange): boolean {
  if (leg.kind === 'underlying') return false;
  return (['side', 'strike', 'expiry', 'option_type'] as const).some(
    (field) => change[field] !== undefined && change[field] !== leg[field],
  );
}

/**
 * The leg after an edit. More or fewer lots keep the entry price; another side, strike, expiry or type is
 * another trade, entered at the live quote of its contract in `chains` (optionLegFromChain: ask to buy,
 * bid to sell, the quote's IV). An underlying leg keeps its price either way.
 */
export function editedLeg(
  leg: StrategyLeg,
  change: LegChange,
  chains: readonly EnrichedChain[],
): StrategyLeg {
  if (leg.kind === 'underlying') {
    return { ...leg, side: change.side ?? leg.side, lots: change.lots ?? leg.lots };
  }
  if (!needsRepricing(leg, change)) return { ...leg, lots: change.lots ?? leg.lots };
  const { expiry, strike, option_type, side, lots } = { ...leg, ...change };
  return optionLegFromChain({ kind: 'option', expiry, strike, option_type, side, lots }, chains, 'leg');
}

export function withLeg(draft: StrategyDraft, leg: StrategyLeg): StrategyDraft {
  return { ...draft, legs: [...draft.legs, leg] };
}

export function withLegAt(draft: StrategyDraft, index: number, leg: StrategyLeg): StrategyDraft {
  return { ...draft, legs: draft.legs.map((current, i) => (i === index ? leg : current)) };
}

export function withoutLeg(draft: StrategyDraft, index: number): StrategyDraft {
  return { ...draft, legs: draft.legs.filter((_, i) => i !== index) };
}

/** The expiries of the option legs, nearest first, each once: the chains the strategy is valued on. */
export function legExpiries(legs: readonly StrategyLeg[]): string[] {
  return [...new Set(legs.flatMap((leg) => (leg.kind === 'option' ? [leg.expiry] : [])))].sort();
}
