import { DAYS_PER_YEAR } from '../pricing';
import type { NetGreeks } from './analysis-schema';
import { priceLeg, type StrategyValuation } from './valuation';

/**
 * Position Greeks at `price` and the valuation instant: Σ units × each leg's Greek (an underlying leg has
 * delta 1 and nothing else). Units as the README's conventions: vega and rho per 1% (the model's per-1.00
 * figures / 100), theta per day of the product's day count (per year / 365 or 252); a Black-76 delta is
 * with respect to the futures price.
 */
export function netGreeksAt(valuation: StrategyValuation, price: number): NetGreeks {
  const { legs, product } = valuation.model;
  const net: NetGreeks = { delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  for (let i = 0; i < legs.length; i += 1) {
    const { optionType, units } = legs[i]!;
    if (optionType === null) {
      net.delta += units;
      continue;
    }
    const greeks = priceLeg(valuation, i, price);
    net.delta += units * greeks.delta;
    net.gamma += units * greeks.gamma;
    net.vega += units * greeks.vega;
    net.theta += units * greeks.theta;
    net.rho += units * greeks.rho;
  }
  net.vega /= 100;
  net.theta /= DAYS_PER_YEAR[product.conventions.day_count];
  net.rho /= 100;
  return net;
}
