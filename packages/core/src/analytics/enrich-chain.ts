import { expiryInstantMs } from '../calendar';
import { impliedVolatilityBlack76, impliedVolatilityBlackScholesMerton, type ImpliedVolResult } from '../iv';
import { priceWithConventionsInto, createGreeksOut, DAYS_PER_YEAR, yearFraction } from '../pricing';
import type { EnrichedChain, EnrichedOptionQuote, OptionChain, OptionQuote, Product } from '../schemas';
import {
  contractBase,
  indexContractBases,
  type ContractBases,
  type PreviousSnapshot,
  type SessionBase,
} from './change-bases';
import { computeChainMetrics } from './chain-metrics';
import { contractChange, premiumChange } from './oi-buildup';
import { optionPremium } from './premium';

/** The two bases a chain's changes are measured against. */
export interface ChangeBases {
  /** Of oi_change, price_change and buildup: the session's base (see SessionBase). */
  session: SessionBase;
  /** Of snapshot_oi_change and snapshot_price_change; null when the previous snapshot is unknown. */
  previousSnapshot: PreviousSnapshot | null;
}

/**
 * The bases of a chain enriched on its own, with nothing stored before it (the first snapshot after a
 * fresh start, or a chain a user brings): every contract is its own base, so every change reads 0.
 */
export const NO_CHANGE_BASES: ChangeBases = {
  session: { basis: 'session_first', contracts: indexContractBases([]) },
  previousSnapshot: null,
};

/**
 * What enrichment reads of a product: pricing conventions, contract size and the exchange calendar that
 * fixes the expiry instant. A catalogue Product fits as it is.
 */
export type EnrichmentProduct = Pick<Product, 'conventions' | 'lot_size' | 'time_zone' | 'holidays'> & {
  expiry_rule: Pick<Product['expiry_rule'], 'expiry_time'>;
};

/** One reusable Greeks buffer: enrichment runs synchronously, so no two quotes share it at once. */
const greeks = createGreeksOut();

interface QuoteContext {
  product: EnrichmentProduct;
  spot: number;
  timeYears: number;
  daysPerYear: number;
  session: SessionBase;
  previousSnapshot: ContractBases;
}

function solveImpliedVolatility(quote: OptionQuote, price: number, ctx: QuoteContext): ImpliedVolResult {
  const { rate, dividend_yield: dividendYield, model } = ctx.product.conventions;
  const common = {
    optionType: quote.option_type,
    price,
    strike: quote.strike,
    timeYears: ctx.timeYears,
    rate,
  };
  return model === 'black-76'
    ? impliedVolatilityBlack76({ ...common, forward: ctx.spot })
    : impliedVolatilityBlackScholesMerton({ ...common, spot: ctx.spot, dividendYield });
}

/**
 * IV is solved from the quote's premium (mid when two-sided, else last) — never copied from the
 * source. Greeks follow from that IV; both are null when the premium carries no volatility
 * information: no premium at all (0: no trade and no two-sided market), a premium outside the
 * no-arbitrage bounds, one at intrinsic (it solves to volatility 0: no time value, and Greeks at σ = 0
 * would be the degenerate step-function limit, not the market's), or no time left. Units on the wire:
 * vega and rho per 1% (one vol point, one rate point), theta per day of the product's day count.
 */
function enrichQuote(quote: OptionQuote, ctx: QuoteContext): EnrichedOptionQuote {
  const mid = optionPremium(quote);
  const solved = mid > 0 && ctx.timeYears > 0 ? solveImpliedVolatility(quote, mid, ctx) : null;
  const iv = solved?.ok && solved.volatility > 0 ? solved.volatility : null;
  if (iv !== null) {
    priceWithConventionsInto(
      greeks,
      ctx.product.conventions,
      quote.option_type,
      ctx.spot,
      quote.strike,
      ctx.timeYears,
      iv,
    );
  }
  const current = { open_interest: quote.open_interest, premium: mid };
  const change = contractChange(current, contractBase(ctx.session, quote.option_type, quote.strike, current));
  const before = ctx.previousSnapshot[quote.option_type].get(quote.strike);
  // Built field by field (not spread) so every enriched quote shares one object shape.
  return {
    symbol: quote.symbol,
    product: quote.product,
    strike: quote.strike,
    expiry: quote.expiry,
    option_type: quote.option_type,
    bid: quote.bid,
    ask: quote.ask,
    last: quote.last,
    mid,
    volume: quote.volume,
    open_interest: quote.open_interest,
    oi_change: change.oi_change,
    price_change: change.price_change,
    buildup: change.buildup,
    snapshot_oi_change: before ? quote.open_interest - before.open_interest : null,
    snapshot_price_change: before ? premiumChange(mid, before.premium) : null,
    iv,
    delta: iv === null ? null : greeks.delta,
    gamma: iv === null ? null : greeks.gamma,
    vega: iv === null ? null : greeks.vega / 100,
    theta: iv === null ? null : greeks.theta / ctx.daysPerYear,
    rho: iv === null ? null : greeks.rho / 100,
    timestamp: quote.timestamp,
  };
}

/**
 * Everything the platform computes for one chain snapshot: per-quote IV and Greeks; OI change, premium
 * change and build-up against the session's base, and the same changes against the previous snapshot;
 * the chain metrics. Time to expiry runs from the snapshot's own timestamp to the exchange's expiry
 * instant under the product's day count, so a replayed snapshot enriches exactly as it did live.
 */
export function enrichChain(
  chain: OptionChain,
  product: EnrichmentProduct,
  bases: ChangeBases,
  processedAt: string,
): EnrichedChain {
  const { day_count: dayCount } = product.conventions;
  const timeYears = Math.max(
    0,
    yearFraction(Date.parse(chain.timestamp), expiryInstantMs(product, chain.expiry), dayCount, {
      holidays: product.holidays,
      timeZone: product.time_zone,
    }),
  );
  const ctx: QuoteContext = {
    product,
    spot: chain.spot_price,
    timeYears,
    daysPerYear: DAYS_PER_YEAR[dayCount],
    session: bases.session,
    previousSnapshot: indexContractBases(bases.previousSnapshot?.quotes ?? []),
  };
  const enriched = {
    product: chain.product,
    expiry: chain.expiry,
    spot_price: chain.spot_price,
    strikes: chain.strikes,
    calls: chain.calls.map((quote) => enrichQuote(quote, ctx)),
    puts: chain.puts.map((quote) => enrichQuote(quote, ctx)),
    timestamp: chain.timestamp,
    seq: chain.seq,
    time_to_expiry_years: timeYears,
    conventions: product.conventions,
    change_base: bases.session.basis,
    processed_at: processedAt,
  };
  return { ...enriched, ...computeChainMetrics(enriched, product.lot_size) };
}
