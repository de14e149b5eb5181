// A year of market history in daily steps, for a platform that starts without one: what IV rank, IV
// percentile and realised volatility look back over. Pure and deterministic: the same product, seed,
// dates and closing spot give identical days.
//
// The model is the live simulator's (simulator.ts) at a daily step, with one addition: the volatility
// level σ of the underlying moves from day to day. The simulator holds σ at the catalogue's volatility
// σ̄, which over a year would give an implied volatility that only ever changes with the roll of the
// expiries, and an IV rank that measures nothing but the calendar. Here ln σ follows an
// Ornstein-Uhlenbeck process around ln σ̄ (the exponential-OU stochastic volatility of L. Scott,
// "Option pricing when the variance changes randomly", Journal of Financial and Quantitative Analysis
// 22(4), 1987), with a half-life of a month and a stationary standard deviation of 0.25 (σ̄ = 13%
// spends two thirds of the time between 10% and 17%): the swings and the decay of an index's
// implied volatility in a year of it. Each trading day:
//   - the level takes an exact OU step over the day's time, ln σ moving to
//       μ + (x − μ)·e^{−κΔ} + ξ·√((1 − e^{−2κΔ}) / (2κ))·Z,   μ = ln σ̄;
//   - the underlying takes one exact GBM step (gbm.ts) at that level with the simulator's drift, time in
//     the product's day count from the previous close to this one, so under BUS/252 a weekend adds
//     nothing and under ACT/365 it adds three days;
//   - the day's open is the previous close (the market is simulated as one continuous path), its high and
//     low the extremes of the Brownian bridge of ln S between open and close, sampled exactly (P.
//     Glasserman, "Monte Carlo Methods in Financial Engineering", Springer 2004, §6.4: given the ends a
//     and b and variance v, the maximum is (a + b + √((b − a)² − 2v·ln U))/2 with U uniform on (0, 1],
//     and the minimum likewise below), each drawn on its own: exact apart, together a little wider than
//     one path's (the Parkinson variance of these ranges reads about 3% above σ², its volatility 1.3%);
//   - at the close (the product's expiry time on that date) every listed expiry gets the ATM IV of the
//     simulator's surface (volatility-surface.ts) at that day's level, at the ATM strike of the day's
//     ladder and the expiry's forward, and the day's IV point is made from them by the same
//     intradayIvPoint and dailyIvPoints that make the live ones.
// The path is generated backwards from the day after the last one: the level from σ̄ (the stationary OU
// is reversible in time, so stepping back from today's level draws the past that leads to it) and the
// price from `closeSpot`, so the history ends where the live market begins.

import { atmStrike } from '@deltastream/core/analytics';
import {
  addCalendarDays,
  expiryInstantMs,
  listExpiries,
  tradingDates,
  zonedWallTimeToUtcMs,
} from '@deltastream/core/calendar';
import { yearFraction } from '@deltastream/core/pricing';
import type { DailyIvPoint, Product } from '@deltastream/core/schemas';
import { dailyIvPoints, intradayIvPoint, type ExpiryAtmIv } from '@deltastream/core/volatility';
import { gbmStep } from './gbm';
import { createRandom, deriveSeed } from './random';
import { strikeLadder } from './strikes';
import { priceGrid, tickSizeFor } from './tick-size';
import { impliedVolatility } from './volatility-surface';

/** The volatility level's dynamics (see above). */
export const VOLATILITY_LEVEL = {
  HALF_LIFE_YEARS: 1 / 12,
  STATIONARY_SD: 0.25,
} as const;

const KAPPA = Math.LN2 / VOLATILITY_LEVEL.HALF_LIFE_YEARS;
/** ξ such that the stationary variance ξ²/(2κ) of ln σ is STATIONARY_SD². */
const XI = VOLATILITY_LEVEL.STATIONARY_SD * Math.sqrt(2 * KAPPA);
/**
 * How far before the first date the trading date preceding it (whose close the first day moves from) is
 * looked for; should a closure outlast it, the day before is taken.
 */
const PREVIOUS_TRADING_DATE_SEARCH_DAYS = 15;

export interface DailyHistoryOptions {
  product: Product;
  seed: number;
  /** The first and the last date of the history (YYYY-MM-DD on the exchange's calendar), both included. */
  fromDate: string;
  throughDate: string;
  /** The last day's close: where the market the history leads into stands. */
  closeSpot: number;
}

export interface SimulatedDay {
  /** A trading date of the product's calendar. */
  date: string;
  /** The close: the product's expiry time on `date`, ISO-8601. */
  close_at: string;
  open: number;
  high: number;
  low: number;
  close: number;
  /** The day's volatility level (annualised decimal): the underlying's, and the surface's. */
  volatility: number;
  iv: DailyIvPoint;
}

/** Days of simulated history, one per trading date in [fromDate, throughDate], ascending by date. */
export function simulateDailyHistory(options: DailyHistoryOptions): SimulatedDay[] {
  const { product, fromDate, throughDate } = options;
  const dates = tradingDates(fromDate, throughDate, product.holidays);
  if (dates.length === 0) return [];
  const dayBefore = addCalendarDays(fromDate, -1);
  const previous =
    tradingDates(
      addCalendarDays(fromDate, -PREVIOUS_TRADING_DATE_SEARCH_DAYS),
      dayBefore,
      product.holidays,
    ).at(-1) ?? dayBefore;
  const closeMs = (date: string) =>
    zonedWallTimeToUtcMs(date, product.expiry_rule.expiry_time, product.time_zone);
  const closes = dates.map(closeMs);
  const previousCloseMs = closeMs(previous);
  const yearsBetween = (fromMs: number, toMs: number) =>
    yearFraction(fromMs, toMs, product.conventions.day_count, {
      holidays: product.holidays,
      timeZone: product.time_zone,
    });
  const { model, rate, dividend_yield } = product.conventions;
  const drift = model === 'black-76' ? 0 : rate - dividend_yield;
  const grid = priceGrid(tickSizeFor(product));
  const random = createRandom(deriveSeed(options.seed, `${product.symbol}/history`));
  const meanLogLevel = Math.log(product.volatility);

  const days: SimulatedDay[] = new Array(dates.length);
  let logLevel = meanLogLevel;
  let close = options.closeSpot;
  for (let i = dates.length - 1; i >= 0; i -= 1) {
    const startMs = i === 0 ? previousCloseMs : closes[i - 1]!;
    const dtYears = yearsBetween(startMs, closes[i]!);
    const decay = Math.exp(-KAPPA * dtYears);
    logLevel =
      meanLogLevel +
      (logLevel - meanLogLevel) * decay +
      XI * Math.sqrt((1 - decay * decay) / (2 * KAPPA)) * random.normal();
    const volatility = Math.exp(logLevel);
    const open = close / gbmStep(1, drift, volatility, dtYears, random.normal());
    const [a, b] = [Math.log(open), Math.log(close)];
    const variance = volatility * volatility * dtYears;
    const reach = (u: number) => Math.sqrt((b - a) ** 2 - 2 * variance * Math.log(1 - u));
    const high = Math.exp((a + b + reach(random.uniform())) / 2);
    const low = Math.exp((a + b - reach(random.uniform())) / 2);
    const published = (price: number) => Math.max(grid.increment, grid.round(price));
    const spot = published(close);
    days[i] = {
      date: dates[i]!,
      close_at: new Date(closes[i]!).toISOString(),
      open: published(open),
      high: published(high),
      low: published(low),
      close: spot,
      volatility,
      iv: ivAtClose(product, closes[i]!, spot, volatility, yearsBetween),
    };
    close = open;
  }
  return days;
}

/** The day's IV point from the surface at `volatility`: ATM IV of every expiry listed at the close. */
function ivAtClose(
  product: Product,
  closeMs: number,
  spot: number,
  volatility: number,
  yearsBetween: (fromMs: number, toMs: number) => number,
): DailyIvPoint {
  const { model, rate, dividend_yield } = product.conventions;
  const strike = atmStrike(strikeLadder(spot, product.strike_step, product.strikes_each_side), spot);
  const expiries: ExpiryAtmIv[] = listExpiries(product, closeMs).map((expiry) => {
    // Listed expiries end after the close, so T > 0.
    const timeYears = yearsBetween(closeMs, expiryInstantMs(product, expiry));
    const forward = model === 'black-76' ? spot : spot * Math.exp((rate - dividend_yield) * timeYears);
    return {
      expiry,
      time_to_expiry_years: timeYears,
      atm_iv: impliedVolatility(volatility, strike, forward, timeYears),
    };
  });
  const point = intradayIvPoint(expiries, { timestamp: closeMs, source: 'simulated' });
  return dailyIvPoints([point], product.time_zone)[0]!;
}
