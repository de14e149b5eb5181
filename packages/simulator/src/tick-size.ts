import type { Product } from '@deltastream/core/schemas';

/**
 * Minimum price increment, derived from the product's currency so the catalogue needs no new field:
 * NSE and BSE quote index and stock derivatives in steps of ₹0.05; US equity options in the Penny
 * Interval Program quote in $0.01 below $3 and $0.05 above (SPY, QQQ and IWM in $0.01 throughout), and
 * one cent everywhere is the finer of those grids. Other currencies use one hundredth of a unit.
 */
const TICK_SIZE_BY_CURRENCY: Readonly<Record<string, number>> = { INR: 0.05, USD: 0.01 };
const DEFAULT_TICK_SIZE = 0.01;

export function tickSizeFor(product: Pick<Product, 'currency'>): number {
  return TICK_SIZE_BY_CURRENCY[product.currency] ?? DEFAULT_TICK_SIZE;
}

/** Decimal places of an increment such as 0.05 (2) or 2.5 (1). */
export function decimalPlaces(increment: number): number {
  for (let places = 0; places < 10; places += 1) {
    const scaled = increment * 10 ** places;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return places;
  }
  return 10;
}

/**
 * Prices on a grid of `increment`: values are counted in whole increments and converted back once,
 * rounded to the increment's decimals, so 0.05 × 3 prints as 0.15 and not 0.15000000000000002.
 */
export interface PriceGrid {
  increment: number;
  /** The nearest whole number of increments. */
  stepsOf(price: number): number;
  /** `steps` increments as a price. */
  priceOf(steps: number): number;
  /** `price` rounded to the nearest increment. */
  round(price: number): number;
}

export function priceGrid(increment: number): PriceGrid {
  const places = decimalPlaces(increment);
  const priceOf = (steps: number) => Number((steps * increment).toFixed(places));
  const stepsOf = (price: number) => Math.round(price / increment);
  return { increment, stepsOf, priceOf, round: (price) => priceOf(stepsOf(price)) };
}
