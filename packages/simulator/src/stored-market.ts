import { zonedDate } from '@deltastream/core/calendar';
import type { OptionType, Product } from '@deltastream/core/schemas';

/**
 * What a restarted simulator continues from: the latest stored price of each underlying and the latest
 * stored chain of each (product, expiry), as the worker cached or persisted them. Only the fields the
 * simulator carries over are required, so the worker's enriched messages fit as they are.
 */
export interface StoredMarket {
  underlying: readonly StoredUnderlying[];
  chains: readonly StoredChain[];
}

export interface StoredUnderlying {
  product: string;
  price: number;
  timestamp: string;
}

export interface StoredQuote {
  option_type: OptionType;
  strike: number;
  open_interest: number;
  volume: number;
  last: number;
}

export interface StoredChain {
  product: string;
  expiry: string;
  spot_price: number;
  timestamp: string;
  calls: readonly StoredQuote[];
  puts: readonly StoredQuote[];
}

/** A contract's running state: open interest, the session's volume, the last trade price. */
export interface ContractState {
  openInterest: number;
  volume: number;
  last: number | undefined;
}

/** Contracts are kept per expiry under this key. */
export function contractKey(optionType: OptionType, strike: number): string {
  return `${optionType}@${strike}`;
}

export interface ProductStart {
  /** The latest stored price: the newest of the stored tick and the stored chains' spot prices. */
  spot: number | undefined;
  /** The exchange date of the newest stored chain: the session whose volumes carry on. */
  sessionDate: string | undefined;
  /** Per expiry, per contract key. */
  contracts: Map<string, Map<string, ContractState>>;
}

/**
 * Where `product` starts from in `stored`. Volumes carry on only from chains of the newest stored session
 * (the simulator resets them when the exchange date turns); open interest and last price carry on from
 * every stored chain.
 */
export function productStart(product: Product, stored: StoredMarket): ProductStart {
  const chains = stored.chains.filter((chain) => chain.product === product.symbol);
  const prices = [
    ...stored.underlying
      .filter((tick) => tick.product === product.symbol)
      .map((tick) => ({ price: tick.price, ms: Date.parse(tick.timestamp) })),
    ...chains.map((chain) => ({ price: chain.spot_price, ms: Date.parse(chain.timestamp) })),
  ];
  const newest = prices.reduce<(typeof prices)[number] | undefined>(
    (best, entry) => (best === undefined || entry.ms > best.ms ? entry : best),
    undefined,
  );
  const sessionOf = (chain: StoredChain) => zonedDate(Date.parse(chain.timestamp), product.time_zone);
  const sessionDate = chains.map(sessionOf).sort().at(-1);
  const contracts = new Map<string, Map<string, ContractState>>();
  for (const chain of chains) {
    const sameSession = sessionOf(chain) === sessionDate;
    const byKey = new Map<string, ContractState>();
    for (const quote of [...chain.calls, ...chain.puts]) {
      byKey.set(contractKey(quote.option_type, quote.strike), {
        openInterest: quote.open_interest,
        volume: sameSession ? quote.volume : 0,
        last: quote.last,
      });
    }
    contracts.set(chain.expiry, byKey);
  }
  return { spot: newest?.price, sessionDate, contracts };
}
