import type { OptionType } from '@deltastream/core/schemas';

/**
 * Traded volume and open interest of the simulated contracts, in contracts (lots).
 *
 * Both are profiled on d = ln(K/F)/(σ_atm·√T), the strike's distance from the forward in standard
 * deviations, so a weekly's activity hugs the money while a monthly's spreads over more strikes, as on
 * real exchanges.
 *
 * Volume: per snapshot a Poisson count with mean
 *   ATM_CONTRACTS_PER_SECOND · interval(s) · exp(−d²/(2·VOLUME_WIDTH_SD²)) / (1 + expiry index)
 * (the nearest expiry trades most). Volume is cumulative for the exchange's local date.
 *
 * Initial open interest (when a contract is first quoted):
 *   ATM_OPEN_INTEREST · exp(−d_oi²/(2·OPEN_INTEREST_WIDTH_SD²)) · round-strike factor · side factor
 *   · e^{OPEN_INTEREST_NOISE_SD·Z − OPEN_INTEREST_NOISE_SD²/2} / (1 + OPEN_INTEREST_EXPIRY_DECAY · expiry index)
 * with d_oi measured over at least OPEN_INTEREST_MIN_HORIZON_YEARS: positions build up over a series'
 * life, so an expiring weekly still carries open interest at strikes that were near the money last week.
 * Round strikes (every 10th step: 21 500, 22 000; every 2nd: 21 600) gather more positions; writers
 * sell out-of-the-money options, so puts are heavier below the forward and calls above (a logistic
 * in d from ITM_SIDE_FACTOR deep in the money to OTM_SIDE_FACTOR far out of it).
 *
 * Open-interest change: of the contracts traded since the last snapshot, a fraction
 *   OPEN_CLOSE_FRACTION · clamp(NET_OPENING_BIAS + FLOW_CORRELATION·m + √(1 − FLOW_CORRELATION²)·Z, −1, 1)
 * opens new positions (positive) or closes existing ones (negative), where m is the standardised move
 * of the underlying since the last snapshot signed in the option's favour (+ for calls on a rise, +
 * for puts on a fall). Rising prices attract new longs (long build-up), falling prices make them
 * unwind; the independent part lets writers open into strength (short build-up) and cover into
 * weakness (short covering), so all four NSE build-up classes occur. The change never exceeds the
 * contracts traded and open interest never falls below zero.
 */
export const ACTIVITY_PARAMETERS = {
  ATM_CONTRACTS_PER_SECOND: 12,
  VOLUME_WIDTH_SD: 1.5,
  ATM_OPEN_INTEREST: 60_000,
  OPEN_INTEREST_WIDTH_SD: 1.5,
  OPEN_INTEREST_MIN_HORIZON_YEARS: 14 / 365,
  OPEN_INTEREST_EXPIRY_DECAY: 0.4,
  OPEN_INTEREST_NOISE_SD: 0.25,
  ROUND_STRIKE_EVERY_10_FACTOR: 2,
  ROUND_STRIKE_EVERY_2_FACTOR: 1.3,
  ITM_SIDE_FACTOR: 0.4,
  OTM_SIDE_FACTOR: 1.6,
  SIDE_SLOPE: 1.5,
  OPEN_CLOSE_FRACTION: 0.6,
  NET_OPENING_BIAS: 0.1,
  FLOW_CORRELATION: 0.5,
  MAX_STANDARDISED_MOVE: 3,
} as const;

const A = ACTIVITY_PARAMETERS;

/** Mean number of contracts traded in one snapshot interval. */
export function expectedVolume(moneynessSd: number, expiryIndex: number, intervalMs: number): number {
  const profile = Math.exp(-(moneynessSd * moneynessSd) / (2 * A.VOLUME_WIDTH_SD ** 2));
  return (A.ATM_CONTRACTS_PER_SECOND * (intervalMs / 1000) * profile) / (1 + expiryIndex);
}

function roundStrikeFactor(strike: number, strikeStep: number): number {
  const index = Math.round(strike / strikeStep);
  if (index % 10 === 0) return A.ROUND_STRIKE_EVERY_10_FACTOR;
  if (index % 2 === 0) return A.ROUND_STRIKE_EVERY_2_FACTOR;
  return 1;
}

export interface InitialOpenInterestInput {
  strike: number;
  strikeStep: number;
  optionType: OptionType;
  forward: number;
  atmVolatility: number;
  timeYears: number;
  expiryIndex: number;
  /** Standard normal draw for the contract's idiosyncratic size. */
  z: number;
}

export function initialOpenInterest(input: InitialOpenInterestInput): number {
  const { strike, strikeStep, optionType, forward, atmVolatility, timeYears, expiryIndex, z } = input;
  const horizonYears = Math.max(timeYears, A.OPEN_INTEREST_MIN_HORIZON_YEARS);
  const moneynessSd = Math.log(strike / forward) / (atmVolatility * Math.sqrt(horizonYears));
  const profile = Math.exp(-(moneynessSd * moneynessSd) / (2 * A.OPEN_INTEREST_WIDTH_SD ** 2));
  const outOfTheMoney = optionType === 'CALL' ? moneynessSd : -moneynessSd;
  const side =
    A.ITM_SIDE_FACTOR +
    (A.OTM_SIDE_FACTOR - A.ITM_SIDE_FACTOR) / (1 + Math.exp(-A.SIDE_SLOPE * outOfTheMoney));
  const noise = Math.exp(A.OPEN_INTEREST_NOISE_SD * z - A.OPEN_INTEREST_NOISE_SD ** 2 / 2);
  const expiryDecay = 1 + A.OPEN_INTEREST_EXPIRY_DECAY * expiryIndex;
  return Math.round(
    (A.ATM_OPEN_INTEREST * profile * roundStrikeFactor(strike, strikeStep) * side * noise) / expiryDecay,
  );
}

/**
 * The underlying's move since the last snapshot in standard deviations, signed in the option's favour
 * and held within ±MAX_STANDARDISED_MOVE.
 */
export function favourableMove(
  optionType: OptionType,
  logReturn: number,
  volatility: number,
  dtYears: number,
): number {
  if (!(dtYears > 0)) return 0;
  const standardised = logReturn / (volatility * Math.sqrt(dtYears));
  const signed = optionType === 'CALL' ? standardised : -standardised;
  return Math.min(A.MAX_STANDARDISED_MOVE, Math.max(-A.MAX_STANDARDISED_MOVE, signed));
}

/** Net contracts opened (+) or closed (−) out of `traded`, given the favourable move and a normal draw. */
export function openInterestChange(traded: number, move: number, z: number): number {
  const rho = A.FLOW_CORRELATION;
  const share = A.NET_OPENING_BIAS + rho * move + Math.sqrt(1 - rho * rho) * z;
  return Math.round(traded * A.OPEN_CLOSE_FRACTION * Math.min(1, Math.max(-1, share)));
}
