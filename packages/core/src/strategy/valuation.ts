// A strategy valued at one instant: each option leg by Black-Scholes-Merton or Black-76 (the product's
// model, rate and yield) with its own IV over the time left to its own expiry under the product's day
// count, an option that expires at that instant at its intrinsic value, an underlying leg at the price
// itself. P&L is Σ units × (value − entry price), units = ± lots × lot size.

import { AnalyticsInputError } from '../analytics';
import { expiryInstantMs } from '../calendar';
import {
  costOfCarry,
  createGreeksOut,
  preparePrice,
  preparedPriceAt,
  priceWithConventionsInto,
  yearFraction,
  type PreparedPrice,
} from '../pricing';
import type { OptionType, Product } from '../schemas';
import type { StrategyMarket } from './analysis-schema';
import type { Strategy } from './strategy-schema';

const MS_PER_DAY = 86_400_000;

/** What the analytics read of a catalogue product; a Product fits as it is. */
export type StrategyProduct = Pick<
  Product,
  'symbol' | 'lot_size' | 'conventions' | 'time_zone' | 'holidays'
> & {
  expiry_rule: Pick<Product['expiry_rule'], 'expiry_time'>;
};

export interface ModelLeg {
  /** Null for an underlying leg. */
  optionType: OptionType | null;
  /** 0 for an underlying leg. */
  strike: number;
  /** Null for an underlying leg. */
  expiry: string | null;
  /** The exchange's expiry instant; +∞ for an underlying leg. */
  expiryMs: number;
  /** +lots × lot size when bought, − when sold. */
  units: number;
  entryPrice: number;
  iv: number;
}

/** A strategy checked against its product and market, with everything that does not depend on the price. */
export interface StrategyModel {
  product: StrategyProduct;
  legs: readonly ModelLeg[];
  spot: number;
  asOfMs: number;
  nearestExpiry: string;
  nearestExpiryMs: number;
  /** Years from as_of to the nearest expiry under the product's day count. */
  nearestExpiryYears: number;
  /** Σ units × entry price over every leg: P&L = Σ units × value − cost. */
  cost: number;
  /** Σ units × entry price over the option legs: > 0 a debit paid, < 0 a credit received. */
  netPremium: number;
  /** Σ |units| × (strike + entry price): the size of the terms a P&L sums, to tell equal values from rounding. */
  scale: number;
}

/**
 * Checks a strategy against its product (the same symbol) and market (no leg expired at `as_of`) and
 * prepares it for valuation. Throws AnalyticsInputError naming the field (`legs.2.expiry`).
 */
export function prepareStrategy(
  strategy: Strategy,
  product: StrategyProduct,
  market: StrategyMarket,
): StrategyModel {
  if (strategy.product !== product.symbol) {
    throw new AnalyticsInputError(
      'product',
      `is ${strategy.product}, but the product given is ${product.symbol}`,
    );
  }
  const asOfMs = Date.parse(market.as_of);
  let nearestExpiry = '';
  let nearestExpiryMs = Infinity;
  let cost = 0;
  let netPremium = 0;
  let scale = 0;
  const legs = strategy.legs.map((leg, i): ModelLeg => {
    const units = (leg.side === 'BUY' ? 1 : -1) * leg.lots * product.lot_size;
    cost += units * leg.entry_price;
    if (leg.kind === 'underlying') {
      scale += Math.abs(units) * leg.entry_price;
      return {
        optionType: null,
        strike: 0,
        expiry: null,
        expiryMs: Infinity,
        units,
        entryPrice: leg.entry_price,
        iv: 0,
      };
    }
    const expiryMs = expiryInstantMs(product, leg.expiry);
    if (!(expiryMs > asOfMs)) {
      throw new AnalyticsInputError(`legs.${i}.expiry`, `${leg.expiry} has expired at ${market.as_of}`);
    }
    if (expiryMs < nearestExpiryMs) {
      nearestExpiry = leg.expiry;
      nearestExpiryMs = expiryMs;
    }
    netPremium += units * leg.entry_price;
    scale += Math.abs(units) * (leg.strike + leg.entry_price);
    return {
      optionType: leg.option_type,
      strike: leg.strike,
      expiry: leg.expiry,
      expiryMs,
      units,
      entryPrice: leg.entry_price,
      iv: leg.iv,
    };
  });
  const { conventions, holidays, time_zone: timeZone } = product;
  return {
    product,
    legs,
    spot: market.spot_price,
    asOfMs,
    nearestExpiry,
    nearestExpiryMs,
    nearestExpiryYears: Math.max(
      0,
      yearFraction(asOfMs, nearestExpiryMs, conventions.day_count, { holidays, timeZone }),
    ),
    cost,
    netPremium,
    scale: scale + Math.abs(cost),
  };
}

/** The strategy at one instant under one IV shift: per-leg time to expiry and volatility, fixed once. */
export interface StrategyValuation {
  model: StrategyModel;
  instantMs: number;
  /** Years from the instant to each leg's expiry under the day count; 0 for a leg expiring then. */
  timeYears: Float64Array;
  /** Each leg's IV after the shift, floored at 0. */
  volatility: Float64Array;
  /** Each living option's price as a function of the underlying alone; null for the others. */
  livingPrices: (PreparedPrice | null)[];
  /** Whether any leg is a living option (the P&L then needs ln price). */
  hasLivingLegs: boolean;
}

/**
 * Values `model` at `instantMs` (from `as_of` up to the nearest expiry) with every IV moved by
 * `ivShiftPct` vol points.
 */
export function valueStrategyAt(model: StrategyModel, instantMs: number, ivShiftPct = 0): StrategyValuation {
  if (!(instantMs >= model.asOfMs && instantMs <= model.nearestExpiryMs)) {
    throw new AnalyticsInputError('instant', 'must lie between as_of and the nearest expiry');
  }
  const { conventions, holidays, time_zone: timeZone } = model.product;
  const legs = model.legs;
  const timeYears = new Float64Array(legs.length);
  const volatility = new Float64Array(legs.length);
  const livingPrices: (PreparedPrice | null)[] = legs.map(() => null);
  const carry = costOfCarry(conventions);
  // One year fraction per distinct expiry: BUS/252 walks the calendar.
  const yearsToExpiry = new Map<number, number>();
  for (let i = 0; i < legs.length; i += 1) {
    const leg = legs[i]!;
    if (leg.optionType === null) continue;
    let years = yearsToExpiry.get(leg.expiryMs);
    if (years === undefined) {
      years =
        leg.expiryMs === instantMs
          ? 0
          : Math.max(0, yearFraction(instantMs, leg.expiryMs, conventions.day_count, { holidays, timeZone }));
      yearsToExpiry.set(leg.expiryMs, years);
    }
    timeYears[i] = years;
    volatility[i] = Math.max(0, leg.iv + ivShiftPct / 100);
    if (years > 0) {
      livingPrices[i] = preparePrice(
        leg.optionType,
        leg.strike,
        years,
        conventions.rate,
        carry,
        volatility[i]!,
      );
    }
  }
  const hasLivingLegs = livingPrices.some((prepared) => prepared !== null);
  return { model, instantMs, timeYears, volatility, livingPrices, hasLivingLegs };
}

/** `daysForward` calendar days after `as_of`; throws naming `scenario.days_forward` beyond the nearest expiry. */
export function scenarioInstantMs(model: StrategyModel, daysForward: number): number {
  const instantMs = model.asOfMs + daysForward * MS_PER_DAY;
  if (!(daysForward >= 0 && instantMs <= model.nearestExpiryMs)) {
    throw new AnalyticsInputError(
      'scenario.days_forward',
      `must lie between 0 and ${daysToNearestExpiry(model).toFixed(3)} (the nearest expiry), got ${daysForward}`,
    );
  }
  return instantMs;
}

/** Calendar days from `as_of` to the nearest expiry instant. */
export function daysToNearestExpiry(model: StrategyModel): number {
  return (model.nearestExpiryMs - model.asOfMs) / MS_PER_DAY;
}

/** True when the leg is an option that expires at the valuation instant (valued at intrinsic). */
export function expiresNow(valuation: StrategyValuation, i: number): boolean {
  return valuation.model.legs[i]!.optionType !== null && valuation.timeYears[i] === 0;
}

/** One reusable buffer: valuation runs synchronously, so no two legs share it at once. */
const greeks = createGreeksOut();

/** The model's price and Greeks of option leg `i` at `price`, in the shared buffer (read before the next call). */
export function priceLeg(valuation: StrategyValuation, i: number, price: number) {
  const leg = valuation.model.legs[i]!;
  return priceWithConventionsInto(
    greeks,
    valuation.model.product.conventions,
    leg.optionType!,
    price,
    leg.strike,
    valuation.timeYears[i]!,
    valuation.volatility[i]!,
  );
}

/**
 * P&L of the whole position (currency) if the underlying stood at `price` at the valuation instant: the
 * hot loop of every curve, so it reads prepared legs and takes one log per price, not one per leg.
 */
export function pnlAt(valuation: StrategyValuation, price: number): number {
  const { legs, cost } = valuation.model;
  const { livingPrices } = valuation;
  const lnPrice = valuation.hasLivingLegs ? Math.log(price) : 0;
  let value = 0;
  for (let i = 0; i < legs.length; i += 1) {
    const leg = legs[i]!;
    const living = livingPrices[i]!;
    if (leg.optionType === null) value += leg.units * price;
    else if (living === null) {
      const intrinsic = leg.optionType === 'CALL' ? price - leg.strike : leg.strike - price;
      if (intrinsic > 0) value += leg.units * intrinsic;
    } else value += leg.units * preparedPriceAt(living, price, lnPrice);
  }
  return value - cost;
}

/** pnlAt over `prices`, written into `out` (returned): preallocate once and reuse for live redraws. */
export function pnlCurveInto(
  valuation: StrategyValuation,
  prices: ArrayLike<number>,
  out: number[],
): number[] {
  for (let j = 0; j < prices.length; j += 1) out[j] = pnlAt(valuation, prices[j]!);
  out.length = prices.length;
  return out;
}

/**
 * dP&L/dprice at `price`. At a strike of a leg expiring now the slope jumps: `side` +1 takes the slope
 * just above the strike, −1 just below.
 */
export function pnlSlopeAt(valuation: StrategyValuation, price: number, side: 1 | -1): number {
  const { legs } = valuation.model;
  let slope = 0;
  for (let i = 0; i < legs.length; i += 1) {
    const leg = legs[i]!;
    if (leg.optionType === null) slope += leg.units;
    else if (valuation.timeYears[i] === 0) {
      const above = price > leg.strike || (price === leg.strike && side > 0);
      if (leg.optionType === 'CALL' && above) slope += leg.units;
      else if (leg.optionType === 'PUT' && !above) slope -= leg.units;
    } else slope += leg.units * priceLeg(valuation, i, price).delta;
  }
  return slope;
}
