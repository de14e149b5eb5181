import { expiryInstantMs, listExpiries, zonedDate } from '@deltastream/core/calendar';
import { priceWithConventionsInto, createGreeksOut, yearFraction } from '@deltastream/core/pricing';
import {
  optionSymbol,
  type OptionChain,
  type OptionQuote,
  type OptionType,
  type Product,
  type UnderlyingTick,
} from '@deltastream/core/schemas';
import { gbmStep } from './gbm';
import { expectedVolume, favourableMove, initialOpenInterest, openInterestChange } from './market-activity';
import { lastTradePrice, quoteLadder, type QuotedPrices } from './quote-prices';
import { createRandom, deriveSeed, type Random } from './random';
import { chainSeqAt, tickIdAt, tickIntervalMs, type FeedRates } from './sequence';
import { contractKey, productStart, type ContractState, type StoredMarket } from './stored-market';
import { strikeLadder } from './strikes';
import { priceGrid, tickSizeFor, type PriceGrid } from './tick-size';
import { atmVolatility, impliedVolatility } from './volatility-surface';

/**
 * The market simulator: pure and deterministic. `advance(nowMs)` moves every product to `nowMs` and
 * returns what falls due then: at most one tick per product per tick interval and one chain per
 * (product, expiry) per chain interval (see sequence.ts for the ids). The same seed and the same
 * sequence of `nowMs` give identical output.
 *
 * Per product:
 * - the underlying follows GBM (gbm.ts) from the catalogue's base price with the catalogue's
 *   volatility and the risk-neutral drift r − q (zero for Black-76 products, whose simulated
 *   underlying is the futures price F); time is measured by the product's day count, the same clock
 *   that ages its options, so under BUS/252 the price stands still over weekends and holidays;
 * - chains cover `listExpiries` and a strike ladder around the spot (strikes.ts), priced by
 *   Black-Scholes-Merton on the published spot, or Black-76 on the published futures price, at the
 *   implied volatility of volatility-surface.ts, quoted by quote-prices.ts;
 * - volume and open interest (market-activity.ts) are kept per (expiry, strike, type) for as long as
 *   the expiry lives, so a strike that leaves the ladder and comes back keeps its open interest;
 *   volume restarts at 0 when the exchange's local date changes;
 * - every chain but the first of an expiry after a start carries `prev_seq`, the seq of the chain sent
 *   before it for that expiry.
 * Each product draws from two streams of its own (path and order book), so its underlying path does
 * not depend on the other products, the chain cadence or the number of strikes.
 *
 * A simulator starts from the catalogue's base prices and initial open interest, or continues a market
 * from `continueFrom` (stored-market.ts): each underlying from its latest stored price, each stored
 * contract with its open interest, last price and (same exchange date) volume; whatever is not stored
 * starts from the catalogue. The first chain of an expiry after a start still has no `prev_seq`.
 */
export type { StoredChain, StoredMarket, StoredQuote, StoredUnderlying } from './stored-market';

export interface SimulatorOptions {
  products: readonly Product[];
  seed: number;
  rates: FeedRates;
  /** The stored market to continue from (a restart); the catalogue's starting point when absent. */
  continueFrom?: StoredMarket;
}

export interface SimulatorOutput {
  ticks: UnderlyingTick[];
  chains: OptionChain[];
}

export interface MarketSimulator {
  advance(nowMs: number): SimulatorOutput;
}

interface ExpiryState {
  contracts: Map<string, ContractState>;
  /** The seq of the last chain sent for this expiry: the next chain's `prev_seq`. */
  lastSeq: number | undefined;
  lastSnapshotMs: number | undefined;
  lastSnapshotSpot: number | undefined;
}

interface ProductState {
  product: Product;
  path: Random;
  book: Random;
  grid: PriceGrid;
  /** The path's exact value; ticks publish it rounded to the tick grid. */
  spot: number;
  /** The last published tick price: chains are priced on it, so every chain agrees with the ticks. */
  publishedSpot: number;
  lastMoveMs: number | undefined;
  lastTickId: number;
  lastChainSeq: number;
  sessionDate: string | undefined;
  expiries: Map<string, ExpiryState>;
}

const OPTION_TYPES: readonly OptionType[] = ['CALL', 'PUT'];

export function createMarketSimulator({
  products,
  seed,
  rates,
  continueFrom,
}: SimulatorOptions): MarketSimulator {
  const tickInterval = tickIntervalMs(rates.ticksPerSecond);
  const greeks = createGreeksOut();
  const states: ProductState[] = products.map((product) => {
    const start = continueFrom && productStart(product, continueFrom);
    const grid = priceGrid(tickSizeFor(product));
    // The first tick publishes the starting price unmoved: a restart continues the market, it does not
    // jump by the time the feed was away.
    const spot = Math.max(grid.increment, grid.round(start?.spot ?? product.base_price));
    const expiries = new Map<string, ExpiryState>();
    for (const [expiry, contracts] of start?.contracts ?? []) {
      expiries.set(expiry, {
        contracts,
        lastSeq: undefined,
        lastSnapshotMs: undefined,
        lastSnapshotSpot: undefined,
      });
    }
    return {
      product,
      path: createRandom(deriveSeed(seed, `${product.symbol}/path`)),
      book: createRandom(deriveSeed(seed, `${product.symbol}/book`)),
      grid,
      spot,
      publishedSpot: spot,
      lastMoveMs: undefined,
      lastTickId: -1,
      lastChainSeq: -1,
      sessionDate: start?.sessionDate,
      expiries,
    };
  });

  const yearsBetween = (product: Product, fromMs: number, toMs: number) =>
    yearFraction(fromMs, toMs, product.conventions.day_count, {
      holidays: product.holidays,
      timeZone: product.time_zone,
    });

  function moveUnderlying(state: ProductState, nowMs: number, tickId: number): UnderlyingTick {
    const { product, grid } = state;
    if (state.lastMoveMs !== undefined) {
      const dtYears = yearsBetween(product, state.lastMoveMs, nowMs);
      if (dtYears > 0) {
        const { model, rate, dividend_yield } = product.conventions;
        const drift = model === 'black-76' ? 0 : rate - dividend_yield;
        state.spot = gbmStep(state.spot, drift, product.volatility, dtYears, state.path.normal());
      }
    }
    state.lastMoveMs = nowMs;
    state.lastTickId = tickId;
    state.publishedSpot = Math.max(grid.increment, grid.round(state.spot));
    return {
      type: 'UNDERLYING',
      product: product.symbol,
      price: state.publishedSpot,
      timestamp: new Date(nowMs).toISOString(),
      tick_id: tickId,
    };
  }

  function modelPrice(
    product: Product,
    optionType: OptionType,
    underlying: number,
    strike: number,
    timeYears: number,
    volatility: number,
  ): number {
    return priceWithConventionsInto(
      greeks,
      product.conventions,
      optionType,
      underlying,
      strike,
      timeYears,
      volatility,
    ).price;
  }

  function buildChain(
    state: ProductState,
    expiry: string,
    expiryIndex: number,
    nowMs: number,
    seq: number,
  ): OptionChain {
    const { product, book, grid } = state;
    const { model, rate, dividend_yield } = product.conventions;
    let expiryState = state.expiries.get(expiry);
    if (!expiryState) {
      expiryState = {
        contracts: new Map(),
        lastSeq: undefined,
        lastSnapshotMs: undefined,
        lastSnapshotSpot: undefined,
      };
      state.expiries.set(expiry, expiryState);
    }
    const spot = state.publishedSpot;
    const timeYears = yearsBetween(product, nowMs, expiryInstantMs(product, expiry));
    const forward = model === 'black-76' ? spot : spot * Math.exp((rate - dividend_yield) * timeYears);
    const atm = atmVolatility(product.volatility, timeYears);
    const sdScale = atm * Math.sqrt(timeYears);
    const logReturn =
      expiryState.lastSnapshotSpot === undefined ? 0 : Math.log(spot / expiryState.lastSnapshotSpot);
    const dtYears =
      expiryState.lastSnapshotMs === undefined ? 0 : yearsBetween(product, expiryState.lastSnapshotMs, nowMs);
    const timestamp = new Date(nowMs).toISOString();

    const strikes = strikeLadder(spot, product.strike_step, product.strikes_each_side);
    const moneynessSd = strikes.map((strike) => Math.log(strike / forward) / sdScale);
    const modelPrices = { CALL: [] as number[], PUT: [] as number[] };
    for (const strike of strikes) {
      const volatility = impliedVolatility(product.volatility, strike, forward, timeYears);
      for (const optionType of OPTION_TYPES) {
        modelPrices[optionType].push(modelPrice(product, optionType, spot, strike, timeYears, volatility));
      }
    }
    // Quotes are set across the whole ladder at once: their convexity in the strike is a property of
    // neighbours (quote-prices.ts).
    const ladders = {
      CALL: quoteLadder({ optionType: 'CALL', modelPrices: modelPrices.CALL, moneynessSd, grid }),
      PUT: quoteLadder({ optionType: 'PUT', modelPrices: modelPrices.PUT, moneynessSd, grid }),
    };
    const calls: OptionQuote[] = [];
    const puts: OptionQuote[] = [];
    strikes.forEach((strike, index) => {
      const distanceSd = moneynessSd[index] as number;
      for (const optionType of OPTION_TYPES) {
        const key = contractKey(optionType, strike);
        let contract = expiryState.contracts.get(key);
        if (!contract) {
          const openInterest = initialOpenInterest({
            strike,
            strikeStep: product.strike_step,
            optionType,
            forward,
            atmVolatility: atm,
            timeYears,
            expiryIndex,
            z: book.normal(),
          });
          contract = { openInterest, volume: 0, last: undefined };
          expiryState.contracts.set(key, contract);
        }
        const traded = book.poisson(expectedVolume(distanceSd, expiryIndex, rates.chainIntervalMs));
        if (traded > 0) {
          contract.volume += traded;
          const move = favourableMove(optionType, logReturn, product.volatility, dtYears);
          contract.openInterest = Math.max(
            0,
            contract.openInterest + openInterestChange(traded, move, book.normal()),
          );
        }
        const { bid, ask } = ladders[optionType][index] as QuotedPrices;
        const last = lastTradePrice({
          bid,
          ask,
          modelPrice: modelPrices[optionType][index] as number,
          grid,
          traded: traded > 0,
          tradeDraw: traded > 0 ? book.uniform() : 0,
          previousLast: contract.last,
        });
        contract.last = last;
        const quote: OptionQuote = {
          symbol: optionSymbol(product.symbol, expiry, optionType, strike),
          product: product.symbol,
          strike,
          expiry,
          option_type: optionType,
          bid,
          ask,
          last,
          volume: contract.volume,
          open_interest: contract.openInterest,
          timestamp,
        };
        (optionType === 'CALL' ? calls : puts).push(quote);
      }
    });
    const chain: OptionChain = {
      product: product.symbol,
      expiry,
      spot_price: spot,
      strikes,
      calls,
      puts,
      timestamp,
      seq,
    };
    // The worker measures OI change against exactly the previous snapshot; the first after a start has none.
    if (expiryState.lastSeq !== undefined) chain.prev_seq = expiryState.lastSeq;
    expiryState.lastSeq = seq;
    expiryState.lastSnapshotMs = nowMs;
    expiryState.lastSnapshotSpot = spot;
    return chain;
  }

  function buildChains(state: ProductState, nowMs: number, seq: number): OptionChain[] {
    const { product } = state;
    const sessionDate = zonedDate(nowMs, product.time_zone);
    if (sessionDate !== state.sessionDate) {
      for (const expiryState of state.expiries.values()) {
        for (const contract of expiryState.contracts.values()) contract.volume = 0;
      }
      state.sessionDate = sessionDate;
    }
    const expiries = listExpiries(product, nowMs);
    for (const expiry of state.expiries.keys()) {
      if (!expiries.includes(expiry)) state.expiries.delete(expiry);
    }
    state.lastChainSeq = seq;
    return expiries.map((expiry, index) => buildChain(state, expiry, index, nowMs, seq));
  }

  return {
    advance(nowMs) {
      const ticks: UnderlyingTick[] = [];
      const chains: OptionChain[] = [];
      for (const state of states) {
        const tickId = tickIdAt(nowMs, tickInterval);
        if (tickId > state.lastTickId) ticks.push(moveUnderlying(state, nowMs, tickId));
        const seq = chainSeqAt(nowMs, rates.chainIntervalMs);
        if (seq > state.lastChainSeq) chains.push(...buildChains(state, nowMs, seq));
      }
      return { ticks, chains };
    },
  };
}
