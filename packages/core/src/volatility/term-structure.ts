// The ATM term structure: ATM IV by expiry at one instant, and today's curve beside earlier ones.
//
// Two alignments answer two questions, so a comparison carries both:
//   - by expiry date: how the IV of the same contracts moved (the 27 Nov expiry was 14.1% a week ago and
//     is 15.3% now). Only today's expiries are listed; one that has expired since has no row, one listed
//     since has no earlier value.
//   - by constant maturity (7, 30, 60 and 90 calendar days by default, each interpolated as in
//     constantMaturityAtmIv): how the shape of the curve moved. Listed expiries age a day every day, so
//     comparing them alone mixes the move of the market with the roll down the curve.

import type { EnrichedChain, TermStructureComparison, TermStructurePoint } from '../schemas';
import { zonedDate } from '../calendar';
import { AnalyticsInputError, requireNumber, requireTimeZone } from '../analytics/input-checks';
import { checkedExpiries, constantMaturityAtmIv, type ConstantMaturityOptions } from './constant-maturity';

/** What the term structure reads of a chain; an EnrichedChain fits as it is. */
export type ChainAtmIv = Pick<EnrichedChain, 'expiry' | 'timestamp' | 'time_to_expiry_years' | 'atm_iv'>;

export const TERM_STRUCTURE_CONSTANT_MATURITIES_DAYS: readonly number[] = [7, 30, 60, 90];

const DAY_MS = 86_400_000;

function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/**
 * ATM IV per expiry from the latest chain of each expiry of one product (any order), ascending by expiry.
 * `days_to_expiry` counts calendar days from the date of the chain's timestamp in `timeZone` (the
 * exchange's) to the expiry date. Expired chains (time to expiry 0) are left out; an expiry without an
 * ATM IV stays, with atm_iv null.
 */
export function atmTermStructure(chains: readonly ChainAtmIv[], timeZone: string): TermStructurePoint[] {
  requireTimeZone(timeZone);
  const sorted = checkedExpiries(chains, 'chains');
  const points: TermStructurePoint[] = [];
  for (const chain of sorted) {
    if (chain.time_to_expiry_years === 0) continue;
    const index = chains.indexOf(chain);
    const ms = Date.parse(chain.timestamp);
    if (!Number.isFinite(ms)) {
      throw new AnalyticsInputError(
        `chains[${index}].timestamp`,
        `must be an ISO-8601 date-time, got ${chain.timestamp}`,
      );
    }
    const daysToExpiry = (dateMs(chain.expiry) - dateMs(zonedDate(ms, timeZone))) / DAY_MS;
    if (daysToExpiry < 0) {
      throw new AnalyticsInputError(`chains[${index}].timestamp`, `is after the expiry date ${chain.expiry}`);
    }
    points.push({
      expiry: chain.expiry,
      days_to_expiry: daysToExpiry,
      time_to_expiry_years: chain.time_to_expiry_years,
      atm_iv: chain.atm_iv,
    });
  }
  return points;
}

/** The curves that today's is compared with; null when there is no snapshot that long ago. */
export interface EarlierTermStructures {
  dayAgo: readonly TermStructurePoint[] | null;
  weekAgo: readonly TermStructurePoint[] | null;
}

export interface TermStructureComparisonOptions extends ConstantMaturityOptions {
  /** Constant maturities in calendar days; default 7, 30, 60, 90. */
  constantMaturitiesDays?: readonly number[];
}

function ivOfExpiry(curve: readonly TermStructurePoint[] | null, expiry: string): number | null {
  return curve?.find((point) => point.expiry === expiry)?.atm_iv ?? null;
}

function constantMaturityOf(
  curve: readonly TermStructurePoint[] | null,
  days: number,
  options: ConstantMaturityOptions,
): number | null {
  return curve === null ? null : (constantMaturityAtmIv(curve, days, options)?.iv ?? null);
}

/**
 * Today's term structure (atmTermStructure's output) beside the curves of a day and a week before, by
 * expiry date and by constant maturity. The curves need not come from the same time of day; the caller
 * picks the snapshots (e.g. the last one at least 24 hours and 7 days old).
 */
export function compareTermStructures(
  current: readonly TermStructurePoint[],
  earlier: EarlierTermStructures,
  options: TermStructureComparisonOptions = {},
): TermStructureComparison {
  const { constantMaturitiesDays = TERM_STRUCTURE_CONSTANT_MATURITIES_DAYS, ...cmOptions } = options;
  constantMaturitiesDays.forEach((days, i) => {
    requireNumber(days, `constantMaturitiesDays[${i}]`, 'positive');
    if (constantMaturitiesDays.indexOf(days) < i) {
      throw new AnalyticsInputError(`constantMaturitiesDays[${i}]`, 'duplicate maturity');
    }
  });
  const days = [...constantMaturitiesDays].sort((a, b) => a - b);
  const sorted = checkedExpiries(current, 'current');
  if (earlier.dayAgo !== null) checkedExpiries(earlier.dayAgo, 'dayAgo');
  if (earlier.weekAgo !== null) checkedExpiries(earlier.weekAgo, 'weekAgo');
  return {
    expiries: sorted.map((point) => ({
      expiry: point.expiry,
      days_to_expiry: point.days_to_expiry,
      atm_iv: point.atm_iv,
      atm_iv_1d_ago: ivOfExpiry(earlier.dayAgo, point.expiry),
      atm_iv_1w_ago: ivOfExpiry(earlier.weekAgo, point.expiry),
    })),
    constant_maturity: days.map((target) => ({
      days: target,
      atm_iv: constantMaturityOf(current, target, cmOptions),
      atm_iv_1d_ago: constantMaturityOf(earlier.dayAgo, target, cmOptions),
      atm_iv_1w_ago: constantMaturityOf(earlier.weekAgo, target, cmOptions),
    })),
  };
}
