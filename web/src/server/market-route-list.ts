/** Every market route handler with a request it accepts, for the tests of who may call them. */
import { POST as analyze } from '../app/api/analytics/analyze/route';
import { GET as greeks } from '../app/api/analytics/greeks/[product]/route';
import { GET as maxPain } from '../app/api/analytics/max-pain/[product]/route';
import { GET as oiBuildup } from '../app/api/analytics/oi-buildup/[product]/route';
import { GET as pcr } from '../app/api/analytics/pcr/[product]/route';
import { GET as volatilitySurface } from '../app/api/analytics/volatility-surface/[product]/route';
import { GET as chain } from '../app/api/data/chain/[product]/route';
import { GET as expiries } from '../app/api/data/expiries/[product]/route';
import { GET as ohlc } from '../app/api/data/ohlc/[product]/route';
import { GET as products } from '../app/api/data/products/route';
import { GET as underlying } from '../app/api/data/underlying/[product]/route';
import type { CallOptions, RouteHandler } from './test-harness';

export interface MarketRequest {
  path: string;
  handler: RouteHandler;
  options: CallOptions;
}

/** Requests that answer 200 for a product with a live chain of `expiry`. */
export function marketRequests(product: string, expiry: string): MarketRequest[] {
  const params = { product };
  const byProduct = (
    route: string,
    handler: RouteHandler,
    query: Record<string, string> = {},
  ): MarketRequest => ({
    path: `${route}/${product}`,
    handler,
    options: { params, query },
  });
  return [
    { path: '/api/data/products', handler: products, options: {} },
    byProduct('/api/data/underlying', underlying),
    byProduct('/api/data/chain', chain),
    byProduct('/api/data/expiries', expiries),
    byProduct('/api/data/ohlc', ohlc),
    byProduct('/api/analytics/pcr', pcr),
    byProduct('/api/analytics/volatility-surface', volatilitySurface),
    byProduct('/api/analytics/max-pain', maxPain, { expiry }),
    byProduct('/api/analytics/oi-buildup', oiBuildup, { expiry }),
    byProduct('/api/analytics/greeks', greeks, { expiry }),
    {
      path: '/api/analytics/analyze',
      handler: analyze,
      options: {
        body: {
          spot_price: 100,
          expiry,
          quotes: [
            { strike: 100, option_type: 'CALL', last: 2.5, open_interest: 10 },
            { strike: 100, option_type: 'PUT', last: 2.4, open_interest: 12 },
          ],
        },
      },
    },
  ];
}
