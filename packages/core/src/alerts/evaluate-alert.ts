/**
 * Alert evaluation: given an alert's condition, its state (armed, reference) and one observation of the
 * market, what happens: nothing, a firing, a re-arm, or a new reference. Pure; the worker applies the
 * outcome with a conditional UPDATE so that one replica wins it.
 *
 * Once per crossing (hysteresis): a level alert fires when it is armed and the value is at or beyond the
 * level on its side, and is then disarmed until the value has gone back past the level by the metric's
 * band (ALERT_HYSTERESIS_BANDS), so a value hovering around the level fires once, not on every tick. An
 * alert created while its condition already holds is armed, so it fires on its first evaluation.
 *
 * max_pain_shift has no level: it takes the max-pain strike as its reference on its first evaluation
 * and fires when max pain stands `strikes` or more strikes of the chain away from it, taking the new max
 * pain as its reference (so each move of N strikes fires once).
 */
import type { EnrichedChain, OptionType } from '../schemas';
import type { AlertCondition, AlertDirection } from './alert-schema';

/** The state the worker keeps per alert (the `armed` and `reference` columns). */
export interface AlertState {
  armed: boolean;
  reference: number | null;
}

/**
 * What one tick or chain says about the metrics. A field that is absent (or null) was not observed: spot
 * comes from ticks only (a chain's spot_price is not used, so one move cannot fire twice), the chain
 * metrics from the chain of the alert's expiry, IV rank when it is known.
 */
export interface AlertObservation {
  spot?: number;
  pcr_oi?: number | null;
  atm_iv?: number | null;
  iv_rank?: number | null;
  max_pain_strike?: number;
  /** The chain's strikes, ascending: max-pain moves are counted in them. */
  strikes?: readonly number[];
  /** Per-contract OI change against the previous close, keyed by oiChangeKey(strike, type). */
  oi_change?: ReadonlyMap<string, number>;
}

/** The key of AlertObservation.oi_change. */
export function oiChangeKey(strike: number, optionType: OptionType): string {
  return `${strike}|${optionType}`;
}

/** The chain's observation (everything but spot); `ivRank` is the product's current IV rank, if known. */
export function chainObservation(chain: EnrichedChain, ivRank: number | null = null): AlertObservation {
  const oiChange = new Map<string, number>();
  for (const quote of chain.calls) oiChange.set(oiChangeKey(quote.strike, 'CALL'), quote.oi_change);
  for (const quote of chain.puts) oiChange.set(oiChangeKey(quote.strike, 'PUT'), quote.oi_change);
  return {
    pcr_oi: chain.pcr_oi,
    atm_iv: chain.atm_iv,
    iv_rank: ivRank,
    max_pain_strike: chain.max_pain_strike,
    strikes: chain.strikes,
    oi_change: oiChange,
  };
}

type LevelCondition = Exclude<AlertCondition, { metric: 'max_pain_shift' }>;

/**
 * How far back past the level a value must go before a fired alert re-arms, in the metric's units. Wide
 * enough that quote noise around a level does not re-arm it, narrow enough that a real return does:
 * spot 0.1% of the level (24.5 points on NIFTY at 24,500), PCR 0.02, ATM IV 0.005 (half a vol point),
 * IV rank 2 points, OI change 5% of |level| and at least one contract.
 */
export const ALERT_HYSTERESIS_BANDS = {
  spot: (level: number) => level * 0.001,
  pcr_oi: () => 0.02,
  atm_iv: () => 0.005,
  iv_rank: () => 2,
  oi_change: (level: number) => Math.max(1, Math.abs(level) * 0.05),
} as const satisfies Record<LevelCondition['metric'], (level: number) => number>;

/** The band of a level condition (ALERT_HYSTERESIS_BANDS). */
export function hysteresisBand(condition: LevelCondition): number {
  return ALERT_HYSTERESIS_BANDS[condition.metric](condition.level);
}

/** The condition's value in the observation, or null when the observation does not carry it. */
export function observedValue(condition: AlertCondition, observation: AlertObservation): number | null {
  switch (condition.metric) {
    case 'spot':
      return observation.spot ?? null;
    case 'pcr_oi':
      return observation.pcr_oi ?? null;
    case 'atm_iv':
      return observation.atm_iv ?? null;
    case 'iv_rank':
      return observation.iv_rank ?? null;
    case 'max_pain_shift':
      return observation.max_pain_strike ?? null;
    case 'oi_change':
      return observation.oi_change?.get(oiChangeKey(condition.strike, condition.option_type)) ?? null;
  }
}

/**
 * Strikes between two max-pain strikes, counted in the chain's strike list: the strikes s with
 * min < s ≤ max, so adjacent strikes are 1 apart whatever the step, and a reference that has left the
 * list still counts from where it stood.
 */
export function strikesBetween(strikes: readonly number[], from: number, to: number): number {
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  let between = 0;
  for (const strike of strikes) if (strike > low && strike <= high) between += 1;
  return between;
}

/**
 * What an observation does to an alert. `fire` also says the state after it (disarmed, or the new
 * reference); `rearm` and `reference` change the state without a firing; `none` changes nothing.
 */
export type AlertOutcome =
  | { kind: 'none' }
  | { kind: 'fire'; value: number; next: AlertState }
  | { kind: 'rearm'; value: number; next: AlertState }
  | { kind: 'reference'; value: number; next: AlertState };

const NONE: AlertOutcome = { kind: 'none' };

function holds(direction: AlertDirection, value: number, level: number): boolean {
  return direction === 'above' ? value >= level : value <= level;
}

function backPastBand(direction: AlertDirection, value: number, level: number, band: number): boolean {
  return direction === 'above' ? value < level - band : value > level + band;
}

/** The outcome of one observation for one alert (see the module comment for the rules). */
export function evaluateAlert(
  condition: AlertCondition,
  state: AlertState,
  observation: AlertObservation,
): AlertOutcome {
  const value = observedValue(condition, observation);
  if (value === null) return NONE;
  if (condition.metric === 'max_pain_shift') {
    if (state.reference === null)
      return { kind: 'reference', value, next: { armed: true, reference: value } };
    const strikes = observation.strikes;
    if (!strikes || strikesBetween(strikes, state.reference, value) < condition.strikes) return NONE;
    return { kind: 'fire', value, next: { armed: true, reference: value } };
  }
  if (state.armed) {
    return holds(condition.direction, value, condition.level)
      ? { kind: 'fire', value, next: { armed: false, reference: null } }
      : NONE;
  }
  return backPastBand(condition.direction, value, condition.level, hysteresisBand(condition))
    ? { kind: 'rearm', value, next: { armed: true, reference: null } }
    : NONE;
}

const grouped = (fractionDigits: number, minimumFractionDigits = 0) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: fractionDigits, minimumFractionDigits });
const PRICE = grouped(2, 2);
const LEVEL = grouped(2);
const RATIO = grouped(2, 2);
const PERCENT = grouped(2);
const RANK = grouped(1, 1);
const CONTRACTS = grouped(0);

function signed(value: number): string {
  return `${value > 0 ? '+' : ''}${CONTRACTS.format(value)}`;
}

/**
 * One line for a person about a firing, e.g. "NIFTY spot 24,512.30 crossed above 24,500" or
 * "NIFTY 2026-12-29 max pain moved 2 strikes, 24,500 → 24,600". `reference` is the max-pain strike
 * the move is measured from; `expiry` the chain's (null for spot).
 */
export function alertMessage(
  product: string,
  expiry: string | null,
  condition: AlertCondition,
  value: number,
  reference: number | null = null,
): string {
  const where = expiry === null ? product : `${product} ${expiry}`;
  switch (condition.metric) {
    case 'spot':
      return `${product} spot ${PRICE.format(value)} crossed ${condition.direction} ${LEVEL.format(condition.level)}`;
    case 'pcr_oi':
      return `${where} PCR (OI) ${RATIO.format(value)} crossed ${condition.direction} ${LEVEL.format(condition.level)}`;
    case 'atm_iv':
      return `${where} ATM IV ${PERCENT.format(value * 100)}% crossed ${condition.direction} ${PERCENT.format(condition.level * 100)}%`;
    case 'iv_rank':
      return `${product} IV rank ${RANK.format(value)} crossed ${condition.direction} ${LEVEL.format(condition.level)}`;
    case 'max_pain_shift': {
      const from = reference === null ? '' : `${LEVEL.format(reference)} → `;
      return `${where} max pain moved ${condition.strikes} strike${condition.strikes === 1 ? '' : 's'} or more, ${from}${LEVEL.format(value)}`;
    }
    case 'oi_change':
      return `${where} ${LEVEL.format(condition.strike)} ${condition.option_type} OI change ${signed(value)} crossed ${condition.direction} ${signed(condition.level)}`;
  }
}
