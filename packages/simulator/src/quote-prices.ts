import type { PriceGrid } from './tick-size';

/**
 * Bid, ask and last around a model price, all on the product's tick grid and never negative.
 *
 * Spread in ticks = MIN_SPREAD_TICKS + RELATIVE_SPREAD·price/tick + OTM_SPREAD_TICKS·min(|d|, MAX_OTM_SD),
 * with d the strike's distance from the forward in standard deviations (ln(K/F)/(σ_atm√T)): a floor
 * of two ticks (relatively wide for cheap options), a part proportional to the premium (market makers'
 * risk grows with it) and a widening in the far wings, where quotes are thin. The quote is centred
 * on the model price to the nearest tick. An option worth less than half a tick quotes 0 bid and a
 * one-tick ask, as worthless far-out-of-the-money strikes do on exchanges.
 */
export const SPREAD_PARAMETERS = {
  MIN_SPREAD_TICKS: 2,
  RELATIVE_SPREAD: 0.002,
  OTM_SPREAD_TICKS: 0.5,
  MAX_OTM_SD: 4,
} as const;

export interface QuotePrices {
  bid: number;
  ask: number;
  last: number;
}

export interface QuoteInput {
  modelPrice: number;
  grid: PriceGrid;
  /** Distance of the strike from the forward in standard deviations. */
  moneynessSd: number;
  /** Whether the contract traded since the last snapshot; if so `last` is a new trade price. */
  traded: boolean;
  /** Uniform draw in [0, 1) placing a new trade between bid and ask. */
  tradeDraw: number;
  /** The previous last trade price, if any. */
  previousLast: number | undefined;
}

export function quotePrices({
  modelPrice,
  grid,
  moneynessSd,
  traded,
  tradeDraw,
  previousLast,
}: QuoteInput): QuotePrices {
  const priceTicks = modelPrice / grid.increment;
  let bidTicks: number;
  let askTicks: number;
  if (priceTicks < 0.5) {
    bidTicks = 0;
    askTicks = 1;
  } else {
    const p = SPREAD_PARAMETERS;
    const spreadTicks = Math.round(
      p.MIN_SPREAD_TICKS +
        p.RELATIVE_SPREAD * priceTicks +
        p.OTM_SPREAD_TICKS * Math.min(Math.abs(moneynessSd), p.MAX_OTM_SD),
    );
    bidTicks = Math.round(priceTicks - spreadTicks / 2);
    askTicks = bidTicks + spreadTicks;
    if (bidTicks < 0) {
      bidTicks = 0;
      askTicks = Math.max(1, Math.round(priceTicks + spreadTicks / 2));
    }
  }
  // A trade prints at a price someone paid: at least one tick, within the quote.
  const lowestTrade = Math.max(bidTicks, 1);
  let lastTicks: number;
  if (traded) {
    lastTicks = lowestTrade + Math.floor(tradeDraw * (askTicks - lowestTrade + 1));
  } else {
    const held = previousLast === undefined ? Math.round(priceTicks) : grid.stepsOf(previousLast);
    lastTicks = Math.min(askTicks, Math.max(lowestTrade, held));
  }
  return { bid: grid.priceOf(bidTicks), ask: grid.priceOf(askTicks), last: grid.priceOf(lastTicks) };
}
