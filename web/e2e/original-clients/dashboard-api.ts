/**
 * The REST calls of the original DeltaStream's React dashboards, as their services/api.js modules make
 * them (frontend/src/services/api.js and services/dashboard-frontend/src/services/api.js): axios with the
 * API's base URL, axios' Accept header (JSON, then text, then anything), `Content-Type: application/json`
 * on a request with a body (axios drops it from one without), and `Authorization: Bearer <token>` once
 * LoginPage has stored a token. Paths and query strings are written exactly as theirs, `?history=false`
 * and `?window=5` included.
 */

export interface DashboardAnswer {
  status: number;
  /** axios' `response.data`: the body parsed as JSON. */
  data: unknown;
}

export type DashboardApi = ReturnType<typeof dashboardApi>;

/** The api.js functions for the API at `baseUrl`; `token` is what localStorage holds (null before sign-in). */
export function dashboardApi(baseUrl: string, token: () => string | null) {
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const stored = token();
    if (stored) headers.Authorization = `Bearer ${stored}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, data: (await response.json()) as unknown } satisfies DashboardAnswer;
  };
  return {
    getProducts: () => call('GET', '/api/data/products'),
    getUnderlying: (product: string, limit = 100) =>
      call('GET', `/api/data/underlying/${product}?limit=${limit}`),
    getOptionChain: (product: string, limit = 1) => call('GET', `/api/data/chain/${product}?limit=${limit}`),
    getExpiries: (product: string) => call('GET', `/api/data/expiries/${product}`),
    getPCR: (product: string, history = false) =>
      call('GET', `/api/analytics/pcr/${product}?history=${history}`),
    getVolatilitySurface: (product: string) => call('GET', `/api/analytics/volatility-surface/${product}`),
    getMaxPain: (product: string, expiry: string) =>
      call('GET', `/api/analytics/max-pain/${product}?expiry=${expiry}`),
    getOIBuildup: (product: string, expiry: string) =>
      call('GET', `/api/analytics/oi-buildup/${product}?expiry=${expiry}`),
    getOHLC: (product: string, window = 5) => call('GET', `/api/analytics/ohlc/${product}?window=${window}`),
    login: (email: string, password: string) => call('POST', '/api/auth/login', { email, password }),
    /** services/dashboard-frontend's argument order (frontend/'s is email, password, name); the body is the same. */
    register: (name: string, email: string, password: string) =>
      call('POST', '/api/auth/register', { email, password, name }),
    verifyToken: () => call('POST', '/api/auth/verify'),
    /** services/dashboard-frontend's Trading tab: the original's trade simulator, which this platform has not. */
    trading: {
      placeOrder: (order: Record<string, unknown>) => call('POST', '/api/trade/order', order),
      getOrders: (status?: string, limit = 50) =>
        call('GET', `/api/trade/orders?${status ? `status=${status}&` : ''}limit=${limit}`),
      cancelOrder: (orderId: string) => call('DELETE', `/api/trade/order/${orderId}`),
      getPortfolio: () => call('GET', '/api/trade/portfolio'),
      getPositions: () => call('GET', '/api/trade/positions'),
      getPnL: (period = 'all') => call('GET', `/api/trade/pnl?period=${period}`),
      getPerformance: () => call('GET', '/api/trade/performance'),
      getRiskMetrics: () => call('GET', '/api/trade/risk'),
    },
  };
}
