import {
  enrichChain,
  indexContractBases,
  NO_CHANGE_BASES,
  ivSmile,
  maxPain,
  optionPremium,
  type EnrichmentProduct,
  type SessionBase,
} from '@deltastream/core/analytics';
import { expiryInstantMs } from '@deltastream/core/calendar';
import type { OptionChain, OptionQuote, Product } from '@deltastream/core/schemas';
import type { AnalyzeRequest, AnalyzeResponse } from '../contracts/rest';
import { AppError } from './errors';

/** The product symbol a chain that names no catalogue product is filed under. */
const CUSTOM_CHAIN_SYMBOL = 'CUSTOM';

/**
 * The terms of a chain that names no catalogue product, each overridable in the request where the
 * contract allows: no rate or dividend yield, calendar-day time, one unit per contract, and expiry at
 * the end of the expiry date in UTC (the last minute the calendar's HH:MM can name).
 */
const CUSTOM_CHAIN_TERMS: EnrichmentProduct = {
  conventions: { model: 'black-scholes-merton', rate: 0, dividend_yield: 0, day_count: 'ACT/365' },
  lot_size: 1,
  time_zone: 'UTC',
  holidays: [],
  expiry_rule: { expiry_time: '23:59' },
};

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_ERROR', `${field}: ${message}`, { field });
}

type AnalyzeQuote = AnalyzeRequest['quotes'][number];

interface ChainHeader {
  product: string;
  expiry: string;
  timestamp: string;
}

function toOptionQuote(quote: AnalyzeQuote, chain: ChainHeader): OptionQuote {
  return {
    symbol: `${chain.product}${chain.expiry.replaceAll('-', '')}${quote.option_type[0]}${quote.strike}`,
    product: chain.product,
    strike: quote.strike,
    expiry: chain.expiry,
    option_type: quote.option_type,
    // 0 is "no quote" on the wire: the premium then falls back to the last price.
    bid: quote.bid ?? 0,
    ask: quote.ask ?? 0,
    last: quote.last,
    volume: quote.volume,
    open_interest: quote.open_interest,
    timestamp: chain.timestamp,
  };
}

/**
 * The request's previous-close values as the session base. A quote that brings none is its own base
 * (change 0); one that brings only its previous open interest has no previous premium (price change
 * null). With no previous values at all the chain is its own first snapshot.
 */
function sessionBaseOf(quotes: readonly AnalyzeQuote[], header: ChainHeader): SessionBase {
  const hasPrevious = (quote: AnalyzeQuote) =>
    quote.previous_open_interest !== undefined ||
    quote.previous_premium !== undefined ||
    quote.previous_last !== undefined;
  if (!quotes.some(hasPrevious)) return NO_CHANGE_BASES.session;
  const contracts = quotes.map((quote) => ({
    option_type: quote.option_type,
    strike: quote.strike,
    open_interest: quote.previous_open_interest ?? quote.open_interest,
    premium: hasPrevious(quote)
      ? (quote.previous_premium ?? quote.previous_last ?? 0)
      : optionPremium(toOptionQuote(quote, header)),
  }));
  return { basis: 'previous_close', contracts: indexContractBases(contracts) };
}

/**
 * A user's chain enriched exactly as the worker enriches live ones (packages/core enrichChain: IV solved
 * from each quote's premium, Greeks, OI and premium change and build-up against the previous close the
 * request gives, every chain metric including gamma exposure), plus the smile and the max-pain payout
 * curve. `now` is the default valuation instant.
 */
export function analyzeChain(request: AnalyzeRequest, product: Product | null, now: Date): AnalyzeResponse {
  const base = product ?? CUSTOM_CHAIN_TERMS;
  const terms: EnrichmentProduct = {
    ...base,
    lot_size: request.lot_size ?? base.lot_size,
    conventions: { ...base.conventions, ...request.conventions },
  };
  const timestamp = new Date(request.timestamp ?? now).toISOString();
  const expiresAtMs = expiryInstantMs(terms, request.expiry);
  if (Date.parse(timestamp) >= expiresAtMs) {
    const field = request.timestamp === undefined ? 'expiry' : 'timestamp';
    throw invalid(
      field,
      `the valuation instant ${timestamp} is not before the expiry ${new Date(expiresAtMs).toISOString()}`,
    );
  }

  const symbol = product?.symbol ?? CUSTOM_CHAIN_SYMBOL;
  const header = { product: symbol, expiry: request.expiry, timestamp };
  const seen = new Set<string>();
  request.quotes.forEach((quote, i) => {
    const key = `${quote.option_type}:${quote.strike}`;
    if (seen.has(key))
      throw invalid(`quotes.${i}.strike`, `a second ${quote.option_type} quote at strike ${quote.strike}`);
    seen.add(key);
  });
  const byStrike = (a: AnalyzeQuote, b: AnalyzeQuote) => a.strike - b.strike;
  const side = (type: AnalyzeQuote['option_type']) =>
    request.quotes
      .filter((quote) => quote.option_type === type)
      .sort(byStrike)
      .map((quote) => toOptionQuote(quote, header));
  const chain: OptionChain = {
    ...header,
    spot_price: request.spot_price,
    strikes: [...new Set(request.quotes.map((quote) => quote.strike))].sort((a, b) => a - b),
    calls: side('CALL'),
    puts: side('PUT'),
    seq: 1,
  };

  const enriched = enrichChain(
    chain,
    terms,
    { session: sessionBaseOf(request.quotes, header), previousSnapshot: null },
    now.toISOString(),
  );
  return {
    chain: enriched,
    smile: ivSmile(enriched.calls, enriched.puts, enriched.spot_price),
    max_pain: maxPain(enriched.calls, enriched.puts).payout_curve,
  };
}
