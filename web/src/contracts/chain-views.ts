/**
 * The analytics responses as views of enriched chains: plain data in, plain data out. The numbers come
 * from the worker's enrichment or from packages/core; nothing here computes a formula of its own. Browser-
 * safe: the routes answer with these, and the dashboard rebuilds its cached max pain and build-up from each
 * live chain (and its PCR trend) with the same functions.
 */
import { ivSurface, maxPain } from '@deltastream/core/analytics';
import {
  BuildupSchema,
  type Buildup,
  type EnrichedChain,
  type EnrichedOptionQuote,
} from '@deltastream/core/schemas';
import type {
  GreeksResponse,
  MaxPainResponse,
  OiBuildupResponse,
  PcrResponse,
  VolatilitySurfaceResponse,
} from './rest';
import type { ChainCsvRow, PayoutCsvRow, SurfaceCsvRow } from './csv-rows';

interface StrikeRow {
  strike: number;
  call: EnrichedOptionQuote | null;
  put: EnrichedOptionQuote | null;
}

/** The chain's call and put at each strike, ascending. */
function strikeRows(chain: EnrichedChain): StrikeRow[] {
  const calls = new Map(chain.calls.map((quote) => [quote.strike, quote]));
  const puts = new Map(chain.puts.map((quote) => [quote.strike, quote]));
  return [...new Set([...chain.strikes, ...calls.keys(), ...puts.keys()])]
    .sort((a, b) => a - b)
    .map((strike) => ({ strike, call: calls.get(strike) ?? null, put: puts.get(strike) ?? null }));
}

export function maxPainView(chain: EnrichedChain): MaxPainResponse {
  const { max_pain_strike: strike, payout_curve } = maxPain(chain.calls, chain.puts);
  const distanceFromSpot = strike - chain.spot_price;
  return {
    product: chain.product,
    expiry: chain.expiry,
    timestamp: chain.timestamp,
    spot_price: chain.spot_price,
    max_pain_strike: strike,
    distance_from_spot: distanceFromSpot,
    distance_pct: (100 * distanceFromSpot) / chain.spot_price,
    total_call_oi: chain.total_call_oi,
    total_put_oi: chain.total_put_oi,
    payout_curve,
  };
}

function noBuildups(): Record<Buildup, number> {
  return Object.fromEntries(BuildupSchema.options.map((buildup) => [buildup, 0])) as Record<Buildup, number>;
}

export function oiBuildupView(chain: EnrichedChain): OiBuildupResponse {
  const counts = { call: noBuildups(), put: noBuildups() };
  const side = (quote: EnrichedOptionQuote | null, tally: Record<Buildup, number>) => {
    if (!quote) return null;
    tally[quote.buildup] += 1;
    return {
      open_interest: quote.open_interest,
      oi_change: quote.oi_change,
      price_change: quote.price_change,
      buildup: quote.buildup,
    };
  };
  return {
    product: chain.product,
    expiry: chain.expiry,
    timestamp: chain.timestamp,
    spot_price: chain.spot_price,
    strikes: strikeRows(chain).map((row) => ({
      strike: row.strike,
      call: side(row.call, counts.call),
      put: side(row.put, counts.put),
    })),
    call_buildup_otm: chain.call_buildup_otm,
    put_buildup_otm: chain.put_buildup_otm,
    counts,
  };
}

const greeksOf = (quote: EnrichedOptionQuote | null) =>
  quote && {
    iv: quote.iv,
    delta: quote.delta,
    gamma: quote.gamma,
    vega: quote.vega,
    theta: quote.theta,
    rho: quote.rho,
  };

export function greeksView(chain: EnrichedChain): GreeksResponse {
  return {
    product: chain.product,
    expiry: chain.expiry,
    timestamp: chain.timestamp,
    spot_price: chain.spot_price,
    time_to_expiry_years: chain.time_to_expiry_years,
    conventions: chain.conventions,
    strikes: strikeRows(chain).map((row) => ({
      strike: row.strike,
      call: greeksOf(row.call),
      put: greeksOf(row.put),
    })),
  };
}

/**
 * The IV surface of the live chains (at least one) at the spot of the newest of them: one spot for
 * every expiry keeps moneyness a single axis, and the newest is the market's current level.
 */
export function volatilitySurfaceView(chains: readonly EnrichedChain[]): VolatilitySurfaceResponse {
  const newest = chains.reduce((a, b) => (Date.parse(b.timestamp) > Date.parse(a.timestamp) ? b : a));
  const surface = ivSurface(chains, newest.spot_price);
  const atmIvByExpiry = new Map(chains.map((chain) => [chain.expiry, chain.atm_iv]));
  return {
    product: newest.product,
    timestamp: newest.timestamp,
    ...surface,
    atm_iv: surface.expiries.map((expiry) => atmIvByExpiry.get(expiry) ?? null),
  };
}

type PcrPoint = PcrResponse['history'][number];
type PcrLatest = PcrResponse['latest'][number];

/** A point of the PCR trend: of a live chain, or of a stored snapshot's metrics. */
export function pcrPointOf({ timestamp, pcr_oi, pcr_volume }: PcrPoint): PcrPoint {
  return { timestamp, pcr_oi, pcr_volume };
}

/** The latest PCR of an expiry with the open-interest totals it is the ratio of. */
export function pcrLatestOf(source: PcrLatest): PcrLatest {
  return {
    expiry: source.expiry,
    ...pcrPointOf(source),
    total_call_oi: source.total_call_oi,
    total_put_oi: source.total_put_oi,
  };
}

/** A chain as CSV rows: one per strike, ascending, its call and put side by side. */
export function chainCsvRows(chain: EnrichedChain): ChainCsvRow[] {
  return strikeRows(chain).map(({ strike, call, put }) => ({
    expiry: chain.expiry,
    timestamp: chain.timestamp,
    spot_price: chain.spot_price,
    strike,
    call,
    put,
  }));
}

/** The payout curve as CSV rows: one per strike. */
export function payoutCsvRows({ payout_curve: curve }: MaxPainResponse): PayoutCsvRow[] {
  return curve.strikes.map((strike, k) => ({
    strike,
    call_payout: curve.call_payout[k]!,
    put_payout: curve.put_payout[k]!,
    total_payout: curve.total_payout[k]!,
  }));
}

/** The surface as CSV rows: one per expiry and strike, expiries in order, strikes ascending. */
export function surfaceCsvRows(surface: VolatilitySurfaceResponse): SurfaceCsvRow[] {
  return surface.expiries.flatMap((expiry, e) =>
    surface.strikes.map((strike, k) => ({
      expiry,
      strike,
      moneyness: surface.moneyness[k]!,
      iv: surface.iv[e]?.[k] ?? null,
    })),
  );
}
