/**
 * Legs priced from the live chain, one rule for the routes and the dashboard: a leg that leaves out its
 * entry price enters at the quote's ask to buy and its bid to sell (core's entryPrice), one that leaves out
 * its IV takes the quote's solved IV. Failures are AnalyticsInputError naming the field
 * (`legs.3.strike`), which the routes answer as a 400 and the dashboard shows.
 */
import { AnalyticsInputError } from '@deltastream/core/analytics';
import type { EnrichedChain, EnrichedOptionQuote, OptionType } from '@deltastream/core/schemas';
import { entryPrice, type OptionLeg, type Strategy, type StrategyLeg } from '@deltastream/core/strategy';
import type { OptionLegRequest, StrategyRequest } from './strategies';

/** The quote of one contract in a chain, if it is quoted there. */
export function chainQuote(
  chain: EnrichedChain | undefined,
  optionType: OptionType,
  strike: number,
): EnrichedOptionQuote | undefined {
  return (optionType === 'CALL' ? chain?.calls : chain?.puts)?.find((quote) => quote.strike === strike);
}

/**
 * `leg` with its entry price and IV, each as sent or else from the quote of its contract in `chains` (the
 * latest chain of each live expiry). `field` names the leg in errors (`legs.3`).
 */
export function optionLegFromChain(
  leg: Omit<OptionLegRequest, 'product'>,
  chains: readonly EnrichedChain[],
  field: string,
): OptionLeg {
  const { expiry, strike, option_type: optionType, side, lots } = leg;
  const contract = { kind: 'option', expiry, strike, option_type: optionType, side, lots } as const;
  if (leg.entry_price !== undefined && leg.iv !== undefined) {
    return { ...contract, entry_price: leg.entry_price, iv: leg.iv };
  }
  const chain = chains.find((candidate) => candidate.expiry === expiry);
  if (!chain) throw new AnalyticsInputError(`${field}.expiry`, `no live chain for ${expiry}`);
  const quote = chainQuote(chain, optionType, strike);
  if (!quote) {
    throw new AnalyticsInputError(
      `${field}.strike`,
      chain.strikes.includes(strike)
        ? `no ${optionType} quote at strike ${strike} in the ${expiry} chain`
        : `no such strike in the ${expiry} chain`,
    );
  }
  const named = `the ${expiry} ${strike} ${optionType}`;
  let price = leg.entry_price;
  if (price === undefined) {
    price = entryPrice(quote, side);
    if (!(price > 0))
      throw new AnalyticsInputError(`${field}.entry_price`, `${named} has no price; send one`);
  }
  const iv = leg.iv ?? quote.iv;
  if (iv === null) throw new AnalyticsInputError(`${field}.iv`, `${named} quote carries no IV; send one`);
  return { ...contract, entry_price: price, iv };
}

/**
 * The strategy with every leg priced: option legs by optionLegFromChain, an underlying leg without an
 * entry price at `spot`. Leg fields are named `legs.<i>.…`, as in the request.
 */
export function resolveStrategy(
  request: StrategyRequest,
  chains: readonly EnrichedChain[],
  spot: number,
): Strategy {
  const legs = request.legs.map((leg, i): StrategyLeg => {
    if (leg.kind === 'option') return optionLegFromChain(leg, chains, `legs.${i}`);
    return { kind: 'underlying', side: leg.side, lots: leg.lots, entry_price: leg.entry_price ?? spot };
  });
  return { product: request.product, legs };
}
