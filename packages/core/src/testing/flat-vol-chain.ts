import { expiryInstantMs } from '../calendar';
import { blackScholesMertonInto, createGreeksOut, yearFraction } from '../pricing';
import { optionSymbol, type OptionChain, type OptionQuote, type Product } from '../schemas';

/**
 * A chain priced by Black-Scholes-Merton at one flat volatility, with bid and ask symmetric around
 * the model price: enrichment must recover exactly that volatility from the mids. A test fixture,
 * shared by core, the worker and web tests.
 */
export function flatVolChain(
  product: Product,
  options: {
    expiry: string;
    timestamp: string;
    seq: number;
    spot: number;
    volatility: number;
    strikes: number[];
    oi?: (strike: number, type: 'CALL' | 'PUT') => number;
  },
): OptionChain {
  const { rate, dividend_yield: dividendYield, day_count: dayCount } = product.conventions;
  const timeYears = yearFraction(
    Date.parse(options.timestamp),
    expiryInstantMs(product, options.expiry),
    dayCount,
    {
      holidays: product.holidays,
      timeZone: product.time_zone,
    },
  );
  const out = createGreeksOut();
  const quote = (strike: number, type: 'CALL' | 'PUT'): OptionQuote => {
    blackScholesMertonInto(
      out,
      type,
      options.spot,
      strike,
      timeYears,
      rate,
      dividendYield,
      options.volatility,
    );
    const halfSpread = Math.min(0.5, out.price * 0.01);
    return {
      symbol: optionSymbol(product.symbol, options.expiry, type, strike),
      product: product.symbol,
      strike,
      expiry: options.expiry,
      option_type: type,
      bid: out.price - halfSpread,
      ask: out.price + halfSpread,
      last: out.price,
      volume: 100 + (strike % 7),
      open_interest: options.oi?.(strike, type) ?? 1000,
      timestamp: options.timestamp,
    };
  };
  return {
    product: product.symbol,
    expiry: options.expiry,
    spot_price: options.spot,
    strikes: options.strikes,
    calls: options.strikes.map((k) => quote(k, 'CALL')),
    puts: options.strikes.map((k) => quote(k, 'PUT')),
    timestamp: options.timestamp,
    seq: options.seq,
  };
}
