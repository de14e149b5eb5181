import type { CANDLE_INTERVALS } from '../contracts/rest';

export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

/**
 * The query key of every market read, all under one root: REST queries and live socket updates write
 * the same keys, and a reconnect refetches everything with one `invalidateQueries(marketKeys.all)`.
 */
export const marketKeys = {
  all: ['market'] as const,
  products: () => ['market', 'products'] as const,
  underlying: (product: string) => ['market', 'underlying', product] as const,
  expiries: (product: string) => ['market', 'expiries', product] as const,
  chain: (product: string, expiry: string) => ['market', 'chain', product, expiry] as const,
  pcr: (product: string, expiry: string) => ['market', 'pcr', product, expiry] as const,
  maxPain: (product: string, expiry: string) => ['market', 'max-pain', product, expiry] as const,
  oiBuildup: (product: string, expiry: string) => ['market', 'oi-buildup', product, expiry] as const,
  volatilitySurface: (product: string) => ['market', 'volatility-surface', product] as const,
  ivHistory: (product: string) => ['market', 'iv-history', product] as const,
  termStructure: (product: string) => ['market', 'term-structure', product] as const,
  realizedVol: (product: string) => ['market', 'realized-vol', product] as const,
  /** Without `interval`: the prefix of every interval's candles, which one tick updates together. */
  ohlc: (product: string, interval?: CandleInterval) =>
    interval === undefined
      ? (['market', 'ohlc', product] as const)
      : (['market', 'ohlc', product, interval] as const),
};

/** The signed-in user's saved strategies: their own data, outside the market's keys. */
export const strategyKeys = {
  all: ['strategies'] as const,
  list: () => ['strategies', 'list'] as const,
};

/** The signed-in user's alerts and their history; an `alert` socket event refreshes both. */
export const alertKeys = {
  all: ['alerts'] as const,
  list: () => ['alerts', 'list'] as const,
  history: () => ['alerts', 'history'] as const,
};
