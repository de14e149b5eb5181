import { AnalyticsInputError } from '../analytics';
import type { EnrichedChain } from '../schemas';
import type { StrategyMarket } from './analysis-schema';

/**
 * The market of a strategy from the latest enriched chain of each expiry: spot and instant from the most
 * recent of them, and each expiry's `atm_iv` (expiries whose ATM IV is null are left out).
 */
export function strategyMarketFromChains(
  chains: readonly Pick<EnrichedChain, 'expiry' | 'spot_price' | 'timestamp' | 'atm_iv'>[],
): StrategyMarket {
  if (chains.length === 0) throw new AnalyticsInputError('chains', 'must not be empty');
  let latest = chains[0]!;
  for (const chain of chains) if (Date.parse(chain.timestamp) > Date.parse(latest.timestamp)) latest = chain;
  const atmIv: Record<string, number> = {};
  for (const chain of chains) if (chain.atm_iv !== null) atmIv[chain.expiry] = chain.atm_iv;
  return { spot_price: latest.spot_price, as_of: latest.timestamp, atm_iv: atmIv };
}
