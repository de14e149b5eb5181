import type { Product } from '@deltastream/core/schemas';
import { useHookedValue } from '@deltastream/core/testing/hooks';
import type { Redis } from 'ioredis';
import {
  catalogueWith,
  uniqueSymbol,
  useRealtimeTest,
  userToken,
  type ConnectOptions,
  type Gateway,
  type GatewayOptions,
  type RecordingClient,
} from './test-harness';

/** A test file about one product of its own, watched by one signed-in user. */
export interface SingleProductTest {
  /** A symbol no other test file uses: a copy of the shipped catalogue's first product. */
  symbol: string;
  /** The shipped catalogue plus `symbol`. */
  products: Product[];
  /** A command connection in the file's namespace. */
  redis: Redis;
  /** The user's access token; it is issued in a `beforeAll`, so read it in a hook or a test. */
  readonly token: string;
  /** A gateway on `products`, closed after the file's tests. */
  startGateway(overrides?: Partial<GatewayOptions>): Promise<Gateway>;
  /** A client signed in as the user that records market data of `symbol` only, closed after the tests. */
  connect(url: string, options?: ConnectOptions): Promise<RecordingClient>;
}

/** `useRealtimeTest` with the file's product and its user's token as the defaults of gateways and clients. */
export function useSingleProductTest(email: string): SingleProductTest {
  const symbol = uniqueSymbol();
  const products = catalogueWith([symbol]);
  const realtime = useRealtimeTest();
  const issuedToken = useHookedValue({ what: 'the token', start: () => userToken(email) });
  return {
    symbol,
    products,
    redis: realtime.redis,
    get token() {
      return issuedToken();
    },
    startGateway: (overrides = {}) => realtime.startGateway({ products, ...overrides }),
    connect: (url, options = {}) =>
      realtime.connect(url, { token: issuedToken(), onlyProducts: [symbol], ...options }),
  };
}
