import type { OptionType } from '@deltastream/core/schemas';
import { greatestConvexNonIncreasingMinorant } from './convex-minorant';
import type { PriceGrid } from './tick-size';

/**
 * Bid, ask and last of one option type across a strike ladder, all on the product's tick grid and never
 * negative, such that the quotes are free of static arbitrage whenever the model prices are.
 *
 * Spread in ticks = MIN_SPREAD_TICKS + RELATIVE_SPREAD·price/tick + OTM_SPREAD_TICKS·min(|d|, MAX_OTM_SD),
 * with d the strike's distance from the forward in standard deviations (ln(K/F)/(σ_atm√T)): a floor of
 * two ticks (relatively wide for cheap options), a part proportional to the premium (market makers' risk
 * grows with it) and a widening in the far wings, where quotes are thin. An option worth less than half
 * a tick quotes 0 bid and a one-tick ask, as worthless far-out-of-the-money strikes do on exchanges.
 *
 * Rounding to ticks can break convexity where prices flatten out (near zero, deep in the money), so the
 * ladder is built in a way that provably cannot:
 * 1. Every quote brackets its model price, bid ≤ model ≤ ask (the bid is rounded down, the ask up). A
 *    butterfly, a vertical spread, a conversion or a calendar spread bought at the asks and sold at the
 *    bids then costs at least what it costs at model prices, and sold at the bids and bought at the asks
 *    earns at most that: every static-arbitrage inequality the model prices satisfy (the surface is free
 *    of static arbitrage, volatility-surface.ts) holds at the quotes too.
 * 2. The mids are chosen first, as a convex, monotone sequence on the half-tick grid (calls fall with the
 *    strike, puts rise): the greatest such sequence below the model prices rounded to half ticks
 *    (convex-minorant.ts), and at least half a tick. Bid and ask are then placed symmetrically around each
 *    mid, as far apart as the spread asks for and far enough to bracket the model price. Strikes must be
 *    equally spaced (strikes.ts) for convexity in index to be convexity in the strike.
 * A mid can only fall below half its model price where prices decline by less than half a tick per
 * strike over many strikes (the convex half-tick sequence then has to step down early); the ask is then
 * raised to the model price rounded up, which keeps the bracket (1) and gives up the convexity of that
 * one mid.
 */
export const SPREAD_PARAMETERS = {
  MIN_SPREAD_TICKS: 2,
  RELATIVE_SPREAD: 0.002,
  OTM_SPREAD_TICKS: 0.5,
  MAX_OTM_SD: 4,
} as const;

export interface QuotedPrices {
  bid: number;
  ask: number;
}

export interface LadderInput {
  optionType: OptionType;
  /** Model prices at equally spaced strikes, in ascending strike order. */
  modelPrices: readonly number[];
  /** Each strike's distance from the forward in standard deviations. */
  moneynessSd: readonly number[];
  grid: PriceGrid;
}

/** The spread a market maker would like to quote, in ticks (not yet rounded). */
export function targetSpreadTicks(modelPrice: number, moneynessSd: number, grid: PriceGrid): number {
  const p = SPREAD_PARAMETERS;
  return (
    p.MIN_SPREAD_TICKS +
    (p.RELATIVE_SPREAD * modelPrice) / grid.increment +
    p.OTM_SPREAD_TICKS * Math.min(Math.abs(moneynessSd), p.MAX_OTM_SD)
  );
}

/** Bid and ask of every strike of the ladder, in the ladder's order. */
export function quoteLadder({ optionType, modelPrices, moneynessSd, grid }: LadderInput): QuotedPrices[] {
  // Work in ticks, in the order in which prices fall: ascending strikes for calls, descending for puts.
  const order = modelPrices.map((_, i) => (optionType === 'CALL' ? i : modelPrices.length - 1 - i));
  const ticks = order.map((i) => (modelPrices[i] as number) / grid.increment);
  const halfTicks = greatestConvexNonIncreasingMinorant(ticks.map((x) => Math.round(2 * x)));
  const quotes: QuotedPrices[] = new Array(modelPrices.length);
  order.forEach((i, position) => {
    const model = ticks[position] as number;
    // Twice the mid, in ticks: bid + ask. At least one tick, the 0 bid / one-tick ask of a worthless strike.
    const bidPlusAsk = Math.max(1, halfTicks[position] as number);
    const spread = targetSpreadTicks(modelPrices[i] as number, moneynessSd[i] as number, grid);
    // The highest bid that keeps ask = bidPlusAsk − bid at or above the model and the spread as wide as
    // targeted; never below zero.
    const bidTicks = Math.max(0, Math.floor(Math.min(model, bidPlusAsk - model, (bidPlusAsk - spread) / 2)));
    const askTicks = Math.max(bidPlusAsk - bidTicks, Math.ceil(model));
    quotes[i] = { bid: grid.priceOf(bidTicks), ask: grid.priceOf(askTicks) };
  });
  return quotes;
}

export interface LastPriceInput extends QuotedPrices {
  modelPrice: number;
  grid: PriceGrid;
  /** Whether the contract traded since the last snapshot; if so the result is a new trade price. */
  traded: boolean;
  /** Uniform draw in [0, 1) placing a new trade between bid and ask. */
  tradeDraw: number;
  /** The previous last trade price, if any. */
  previousLast: number | undefined;
}

/**
 * The last trade price: a new trade anywhere in the quote when the contract traded, else the previous
 * last (the model price before any trade) moved inside the quote. A trade prints at a price someone
 * paid: at least one tick.
 */
export function lastTradePrice({
  bid,
  ask,
  modelPrice,
  grid,
  traded,
  tradeDraw,
  previousLast,
}: LastPriceInput): number {
  const bidTicks = grid.stepsOf(bid);
  const askTicks = grid.stepsOf(ask);
  const lowestTrade = Math.max(bidTicks, 1);
  if (traded) return grid.priceOf(lowestTrade + Math.floor(tradeDraw * (askTicks - lowestTrade + 1)));
  const held = previousLast === undefined ? grid.stepsOf(modelPrice) : grid.stepsOf(previousLast);
  return grid.priceOf(Math.min(askTicks, Math.max(lowestTrade, held)));
}
