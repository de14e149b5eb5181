import { accessSync, constants } from 'node:fs';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { ConfigError, parseEnv } from '@deltastream/bus/env';
import { FeedEnvSchema, type FeedEnv } from '@deltastream/bus/feed-env';
import type { Product } from '@deltastream/core/schemas';
import type { FeedRates } from '@deltastream/simulator/sequence';

/** Where the market data comes from. */
export type FeedSource =
  | { mode: 'simulate'; seed: number | undefined; recordFile: string | undefined }
  | { mode: 'replay'; file: string; speed: number };

export interface FeedConfig {
  env: FeedEnv;
  source: FeedSource;
  /** The catalogue's products, narrowed to FEED_PRODUCTS when it is set, in catalogue order. */
  products: Product[];
  rates: FeedRates;
}

/** The error that stops start-up, in parseEnv's format: `Invalid environment:` and the variable. */
export function invalidVariable(variable: string, message: string): ConfigError {
  return new ConfigError(`Invalid environment:\n  ${variable}: ${message}`);
}

/**
 * Reads and checks the feed's environment and catalogue once at start. Throws ConfigError naming the
 * variable at fault: a malformed value, a catalogue that cannot be read (PRODUCT_CATALOGUE), a symbol
 * it does not list (FEED_PRODUCTS) or a recording that cannot be read (FEED_REPLAY_FILE).
 */
export function loadFeedConfig(rawEnv: NodeJS.ProcessEnv = process.env): FeedConfig {
  const env = parseEnv(FeedEnvSchema, rawEnv);
  let catalogue: Product[];
  try {
    catalogue = loadCatalogueFile(env.PRODUCT_CATALOGUE);
  } catch (error) {
    throw invalidVariable('PRODUCT_CATALOGUE', (error as Error).message);
  }
  let products = catalogue;
  if (env.FEED_PRODUCTS !== undefined) {
    const known = new Set(catalogue.map((p) => p.symbol));
    const unknown = env.FEED_PRODUCTS.filter((symbol) => !known.has(symbol));
    if (unknown.length > 0) {
      throw invalidVariable(
        'FEED_PRODUCTS',
        `unknown product(s) ${unknown.join(', ')}; the catalogue has ${[...known].join(', ')}`,
      );
    }
    const wanted = new Set(env.FEED_PRODUCTS);
    products = catalogue.filter((p) => wanted.has(p.symbol));
  }
  let source: FeedSource;
  if (env.FEED_MODE === 'replay') {
    const file = env.FEED_REPLAY_FILE ?? '';
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      throw invalidVariable('FEED_REPLAY_FILE', `cannot read ${file}: ${(error as Error).message}`);
    }
    source = { mode: 'replay', file, speed: env.FEED_REPLAY_SPEED };
  } else {
    source = { mode: 'simulate', seed: env.FEED_SEED, recordFile: env.FEED_RECORD_FILE };
  }
  return {
    env,
    source,
    products,
    rates: { ticksPerSecond: env.FEED_TICKS_PER_SECOND, chainIntervalMs: env.FEED_CHAIN_INTERVAL_MS },
  };
}
