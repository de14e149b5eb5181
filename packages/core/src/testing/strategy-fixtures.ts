import { AnalyticsInputError } from '../analytics';
import type { OptionType, PricingConventions, Product } from '../schemas';
import type { OptionLeg, Strategy, StrategyLeg, StrategyMarket, StrategyProduct } from '../strategy';
import {
  prepareStrategy,
  scenarioInstantMs,
  valueStrategyAt,
  type StrategyModel,
  type StrategyValuation,
} from '../strategy/valuation';

/**
 * Strategy fixtures for core's tests and, as `@deltastream/core/testing/strategy`, other packages': a
 * NIFTY-like product (lot 75, NSE 15:30 IST expiries), valued on Tuesday 2026-11-24 at 10:30 IST, with
 * weekly expiries one and five weeks out.
 */
export const AS_OF = '2026-11-24T05:00:00.000Z';
/** 7 days 5 hours after AS_OF: 2026-12-01 15:30 IST = 10:00 UTC. */
export const NEAR = '2026-12-01';
/** 28 days after NEAR, at the same time of day. */
export const FAR = '2026-12-29';
export const NEAR_YEARS_ACT365 = (7 * 24 + 5) / 24 / 365;
export const FAR_AFTER_NEAR_YEARS_ACT365 = 28 / 365;
export const LOT = 75;

export const BSM_ACT365: PricingConventions = {
  model: 'black-scholes-merton',
  rate: 0.065,
  dividend_yield: 0.012,
  day_count: 'ACT/365',
};
/** A futures product's conventions: Black-76 at the same rate, where a dividend yield has no place. */
export const B76_ACT365: PricingConventions = { ...BSM_ACT365, model: 'black-76', dividend_yield: 0 };

/** NIFTY as config/products.json lists it (core reads no files), with `overrides`: a catalogue Product. */
export function niftyProduct(overrides: Partial<Product> = {}): Product {
  return {
    symbol: 'NIFTY',
    name: 'NIFTY 50',
    exchange: 'NSE',
    currency: 'INR',
    time_zone: 'Asia/Kolkata',
    base_price: 21_500,
    strike_step: 50,
    strikes_each_side: 20,
    lot_size: LOT,
    volatility: 0.13,
    conventions: BSM_ACT365,
    expiry_rule: { weekday: 'TUE', weekly: 4, monthly: 2, monthly_occurrence: 'last', expiry_time: '15:30' },
    holidays: [],
    ...overrides,
  };
}

export function testProduct(
  conventions: PricingConventions = BSM_ACT365,
  holidays: string[] = [],
): StrategyProduct {
  return {
    symbol: 'NIFTY',
    lot_size: LOT,
    conventions,
    time_zone: 'Asia/Kolkata',
    holidays,
    expiry_rule: { expiry_time: '15:30' },
  };
}

export function testMarket(
  spot = 21_537,
  atmIv: Record<string, number> = { [NEAR]: 0.14, [FAR]: 0.15 },
): StrategyMarket {
  return { spot_price: spot, as_of: AS_OF, atm_iv: atmIv };
}

type Shorthand = Pick<OptionLeg, 'side' | 'option_type' | 'strike' | 'entry_price'> & Partial<OptionLeg>;

/** One lot of the near expiry at 15% IV unless told otherwise. */
export function option(leg: Shorthand): OptionLeg {
  return { kind: 'option', expiry: NEAR, lots: 1, iv: 0.15, ...leg };
}

export function strategyOf(...legs: StrategyLeg[]): Strategy {
  return { product: 'NIFTY', legs };
}

/** [strike, entry price] of one leg of a spread. */
type StrikeAtPrice = [strike: number, entryPrice: number];

/** A vertical spread of the near expiry: long one strike, short another, `lots` lots a leg (1 unless told). */
export function vertical(
  optionType: OptionType,
  { buy, sell, lots = 1 }: { buy: StrikeAtPrice; sell: StrikeAtPrice; lots?: number },
): Strategy {
  return strategyOf(
    option({ side: 'BUY', option_type: optionType, strike: buy[0], entry_price: buy[1], lots }),
    option({ side: 'SELL', option_type: optionType, strike: sell[0], entry_price: sell[1], lots }),
  );
}

/**
 * An iron condor of the near expiry for a credit of 30 per unit (35 + 30 − 20 − 15): short the 21,100 put
 * and the 22,000 call, long the wings 100 points out.
 */
export const IRON_CONDOR: Strategy = strategyOf(
  option({ side: 'BUY', option_type: 'PUT', strike: 21_000, entry_price: 20 }),
  option({ side: 'SELL', option_type: 'PUT', strike: 21_100, entry_price: 35 }),
  option({ side: 'SELL', option_type: 'CALL', strike: 22_000, entry_price: 30 }),
  option({ side: 'BUY', option_type: 'CALL', strike: 22_100, entry_price: 15 }),
);

/**
 * A call calendar at 21,500 for a debit of 240 per unit: short the near expiry at 14% IV, long the far
 * one at 15%, so the far leg is still alive at the near expiry.
 */
export const CALENDAR: Strategy = strategyOf(
  option({ side: 'SELL', option_type: 'CALL', strike: 21_500, entry_price: 180, iv: 0.14 }),
  option({ side: 'BUY', option_type: 'CALL', strike: 21_500, entry_price: 420, iv: 0.15, expiry: FAR }),
);

/** The strategy prepared for valuation on the test product (with `conventions`) in `market`. */
export function testModel(
  strategy: Strategy,
  conventions: PricingConventions = BSM_ACT365,
  market: StrategyMarket = testMarket(),
): StrategyModel {
  return prepareStrategy(strategy, testProduct(conventions), market);
}

/** The strategy on the test product and market, valued at its nearest expiry (the expiry P&L curve). */
export function valueAtExpiry(
  strategy: Strategy,
  conventions: PricingConventions = BSM_ACT365,
): StrategyValuation {
  const model = testModel(strategy, conventions);
  return valueStrategyAt(model, model.nearestExpiryMs);
}

/**
 * The strategy on the test product (with `conventions` and `holidays`) and market, valued `daysForward`
 * calendar days after AS_OF (a what-if scenario; 0 is today).
 */
export function valueAfterDays(
  strategy: Strategy,
  daysForward: number,
  conventions: PricingConventions = BSM_ACT365,
  holidays: string[] = [],
): StrategyValuation {
  const model = prepareStrategy(strategy, testProduct(conventions, holidays), testMarket());
  return valueStrategyAt(model, scenarioInstantMs(model, daysForward));
}

/** The field the AnalyticsInputError thrown by `run` names; any other error is thrown on, and no error fails. */
export function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalyticsInputError) return error.field;
    throw error;
  }
  throw new Error('expected an AnalyticsInputError');
}
