import { requireEach } from './input-checks';

/** The per-strike quantities the ratios need; wire quotes fit as they are. */
export interface OpenInterestAndVolume {
  open_interest: number;
  volume: number;
}

export interface ChainTotals {
  total_call_oi: number;
  total_put_oi: number;
  total_call_volume: number;
  total_put_volume: number;
}

function sumOf(quotes: readonly OpenInterestAndVolume[], key: keyof OpenInterestAndVolume): number {
  let total = 0;
  for (const quote of quotes) total += quote[key];
  return total;
}

/** Call and put open interest and volume summed over the chain. Throws on negative or non-finite inputs. */
export function chainTotals(
  calls: readonly OpenInterestAndVolume[],
  puts: readonly OpenInterestAndVolume[],
): ChainTotals {
  for (const [list, quotes] of [
    ['calls', calls],
    ['puts', puts],
  ] as const) {
    requireEach(quotes, list, 'open_interest', 'nonNegative');
    requireEach(quotes, list, 'volume', 'nonNegative');
  }
  return {
    total_call_oi: sumOf(calls, 'open_interest'),
    total_put_oi: sumOf(puts, 'open_interest'),
    total_call_volume: sumOf(calls, 'volume'),
    total_put_volume: sumOf(puts, 'volume'),
  };
}

/**
 * Put total / call total. Null when the call total is 0: a ratio with no calls is undefined, and
 * neither 0 nor Infinity would survive JSON or a chart honestly.
 */
export function putCallRatio(putTotal: number, callTotal: number): number | null {
  return callTotal === 0 ? null : putTotal / callTotal;
}

/** Put-call ratio by open interest: Σ put OI / Σ call OI (null without call OI). */
export function pcrByOpenInterest(
  calls: readonly OpenInterestAndVolume[],
  puts: readonly OpenInterestAndVolume[],
): number | null {
  const totals = chainTotals(calls, puts);
  return putCallRatio(totals.total_put_oi, totals.total_call_oi);
}

/** Put-call ratio by traded volume: Σ put volume / Σ call volume (null without call volume). */
export function pcrByVolume(
  calls: readonly OpenInterestAndVolume[],
  puts: readonly OpenInterestAndVolume[],
): number | null {
  const totals = chainTotals(calls, puts);
  return putCallRatio(totals.total_put_volume, totals.total_call_volume);
}
