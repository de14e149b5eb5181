import type { StrategyModel } from './valuation';

/** What closing a position at given prices would make, per leg and in all, in currency. */
export interface MarkToMarket {
  /** units × (mark − entry price) per leg, in the strategy's order; null where the leg has no mark. */
  legs: (number | null)[];
  /** Σ of the legs; null when any leg has no mark (a partial sum would pass for the position's P&L). */
  total: number | null;
}

/**
 * The P&L of `model` marked at `marks` (one price per leg in the strategy's order: a premium per unit for
 * an option, the underlying's price for an underlying leg; null where there is none), against each leg's
 * entry price: units × (mark − entry), units = ± lots × lot size, the sign convention of every P&L here.
 */
export function markToMarket(model: StrategyModel, marks: readonly (number | null)[]): MarkToMarket {
  let total: number | null = 0;
  const legs = model.legs.map((leg, i) => {
    const mark = marks[i] ?? null;
    if (mark === null) {
      total = null;
      return null;
    }
    const pnl = leg.units * (mark - leg.entryPrice);
    if (total !== null) total += pnl;
    return pnl;
  });
  return { legs, total };
}
