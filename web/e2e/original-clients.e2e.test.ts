import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectAsPythonSocketio } from '@deltastream/bus/raw-socket-io-client';
import { launchChromium } from './browser';
import { CURL_EXAMPLES, CURL_INSTALLED, runCurlExample } from './original-clients/curl-examples';
import { dashboardApi } from './original-clients/dashboard-api';
import { runPostmanCollection } from './original-clients/postman-collection';
import {
  alignedChain,
  ChainReadSchema,
  ChainSummaryReadSchema,
  ConnectedReadSchema,
  ProductsReadSchema,
  SubscribedReadSchema,
  type ChainRead,
  UnderlyingReadSchema,
  UnderlyingTicksReadSchema,
} from './original-clients/original-reads';
import { servePages, subscribeExamplePage, type PageSite } from './original-clients/subscribe-page';
import { startPlatform, type Platform } from './platform';

/**
 * The original DeltaStream's clients (AnkushSinghGandhi/DeltaStream-OptionAnalysis2), replayed against one
 * running platform with only the host and port changed: its Node and browser Socket.IO examples, its curl
 * script, the Python Socket.IO client of its gateway's README, and its React dashboards' REST calls and
 * live hook. Each replay sends what the original sends and checks every field the original reads, with the
 * type its code assumes (./original-clients/original-reads.ts). Where this platform differs on purpose, the
 * replay checks the difference README's tables document.
 *
 * The platform runs as `npm start` runs it for local use: market data public (PUBLIC_MARKET_DATA=true), as
 * none of these clients sends a token, and the products under the symbols they name (NIFTY, BANKNIFTY). The
 * page is opened from a site of its own, whose origin the gateway is told to admit (REALTIME_CORS_ORIGINS),
 * as a deployment serving that page must.
 */

/** The examples' product (subscribe-example.js's default PRODUCT, the one the others name). */
const PRODUCT = 'NIFTY';
const PAGE_PATH = '/subscribe-example.html';
let platform: Platform;
let browser: Browser;
let site: PageSite;
const pages = new Map<string, string>();

/** Polls `check` until it holds: the suite waits for data, never for a fixed time. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`no ${what} within ${timeoutMs} ms:\n${platform.logs().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const getJson = async (path: string): Promise<unknown> => (await fetch(`${platform.webUrl}${path}`)).json();

/** The live expiries of a product, nearest first, as REST lists them. */
async function expiriesOf(symbol: string): Promise<string[]> {
  return z.object({ expiries: z.array(z.string()) }).parse(await getJson(`/api/data/expiries/${symbol}`))
    .expiries;
}

/** The latest chain of a product's nearest expiry: the first REST lists. */
async function nearestChain(symbol: string): Promise<ChainRead> {
  const ChainsSchema = z.object({ chains: ChainReadSchema.array().min(1) });
  return ChainsSchema.parse(await getJson(`/api/data/chain/${symbol}`)).chains[0]!;
}

beforeAll(async () => {
  site = await servePages(pages);
  platform = await startPlatform({
    publicMarketData: true,
    catalogueSymbols: true,
    pageOrigins: [site.origin],
  });
  pages.set(PAGE_PATH, subscribeExamplePage(platform.webUrl));
  browser = await launchChromium();
  // Every client reads chains and ticks: wait until the pipeline has stored some of both products.
  const CountSchema = z.object({ count: z.number() });
  await until(
    async () => {
      const counts = await Promise.all([
        ...platform.products.map(({ symbol }) => getJson(`/api/data/chain/${symbol}`)),
        getJson(`/api/data/underlying/${PRODUCT}?limit=5`),
      ]);
      const [niftyChains, bankNiftyChains, ticks] = counts.map(
        (body) => CountSchema.safeParse(body).data?.count,
      );
      return (niftyChains ?? 0) > 0 && (bankNiftyChains ?? 0) > 0 && ticks === 5;
    },
    'chains of both products and five NIFTY ticks',
    120_000,
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await site?.close();
}, 60_000);

/** The arguments of each call of one handler. */
type Calls = unknown[][];

/** The one argument of each call, which is all the original handlers take. */
function payloads(calls: Calls): unknown[] {
  for (const args of calls) expect(args).toHaveLength(1);
  return calls.map(([payload]) => payload);
}

/** The events the Node example and the React hook handle (the hook handles fewer; none comes unasked). */
const HANDLED_EVENTS = [
  'connected',
  'subscribed',
  'products',
  'underlying_update',
  'chain_summary',
  'chain_update',
  'error',
] as const;

const aboutProduct = (symbol: string) => (calls: Calls) =>
  calls.some(([payload]) => (payload as { product?: unknown } | undefined)?.product === symbol);

describe.each([
  {
    client: 'examples/subscribe-example.js',
    // io(SOCKET_URL): socket.io-client's defaults, long-polling then WebSocket.
    options: {},
    asksForProducts: true,
  },
  {
    client: "the React dashboards' useSocket hook (hooks/useSocket.js)",
    options: {
      transports: ['websocket', 'polling'],
      reconnection: true,
      reconnectionAttempts: 5,
      reconnectionDelay: 1000,
    },
    asksForProducts: false,
  },
] satisfies { client: string; options: Partial<ManagerOptions & SocketOptions>; asksForProducts: boolean }[])(
  '$client: socket.io-client in Node',
  ({ options, asksForProducts }) => {
    it('subscribes to the product and its chain on connect; every handler gets the fields it prints or keeps', async () => {
      // The socket.io-client in node_modules, to the edge: the address scripts and browsers use.
      const socket = io(platform.webUrl, options);
      const calls = Object.fromEntries(HANDLED_EVENTS.map((event) => [event, [] as Calls])) as Record<
        (typeof HANDLED_EVENTS)[number],
        Calls
      >;
      for (const event of HANDLED_EVENTS) socket.on(event, (...args: unknown[]) => calls[event].push(args));
      socket.on('connect', () => {
        socket.emit('subscribe', { type: 'product', symbol: PRODUCT });
        socket.emit('subscribe', { type: 'chain', symbol: PRODUCT });
        if (asksForProducts) socket.emit('get_products');
      });
      try {
        await until(
          () =>
            calls.connected.length > 0 &&
            calls.subscribed.length === 2 &&
            calls.products.length === (asksForProducts ? 1 : 0) &&
            aboutProduct(PRODUCT)(calls.underlying_update) &&
            aboutProduct(PRODUCT)(calls.chain_summary) &&
            calls.chain_update.length > 0,
          'event of every handler',
        );
        ConnectedReadSchema.parse(payloads(calls.connected)[0]);
        expect(payloads(calls.subscribed).map((reply) => SubscribedReadSchema.parse(reply).room)).toEqual([
          `product:${PRODUCT}`,
          `chain:${PRODUCT}`,
        ]);
        for (const list of payloads(calls.products)) {
          expect(ProductsReadSchema.parse(list).products).toEqual(platform.products.map((p) => p.symbol));
        }
        // Every client is in `general`: ticks and summaries of every product arrive, and all are read.
        for (const tick of payloads(calls.underlying_update)) UnderlyingReadSchema.parse(tick);
        for (const summary of payloads(calls.chain_summary)) ChainSummaryReadSchema.parse(summary);
        // A chain subscription without an expiry follows the nearest, as the original's only chain.
        const [nearest] = await expiriesOf(PRODUCT);
        for (const payload of payloads(calls.chain_update)) {
          const chain = ChainReadSchema.parse(payload);
          expect(chain).toMatchObject({ product: PRODUCT, expiry: nearest });
          expect(alignedChain(chain)).toBe(true);
        }
        expect(calls.error).toEqual([]);
      } finally {
        socket.disconnect();
      }
    }, 120_000);
  },
);

describe('examples/subscribe-example.html: the Socket.IO browser client in Chromium', () => {
  it("shows the connection, the products, live prices and the chosen product's chain, as the original page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const text = (id: string) => page.locator(`#${id}`).innerText();
    // A handler that throws (toFixed on a null, say) leaves the page waiting: its error tells why.
    const logShows = (pattern: RegExp) =>
      page
        .waitForFunction(
          (source) => new RegExp(source).test(document.getElementById('log')!.innerText),
          pattern.source,
        )
        .catch((error: Error) => {
          throw new Error(`${error.message}\npage errors: ${pageErrors.join('\n') || 'none'}`);
        });
    try {
      await page.goto(`${site.origin}${PAGE_PATH}`);
      await page.waitForFunction(
        () => document.getElementById('status')?.textContent === 'Status: Connected',
      );
      await logShows(/Connection confirmed: \S+/);
      await logShows(/Available products: NIFTY, BANKNIFTY/);
      // Every page is in `general`: prices show before any subscription.
      await page.waitForFunction(() => document.getElementById('price')?.textContent !== '-');

      const chain = await nearestChain(PRODUCT);
      await page.getByRole('button', { name: `Subscribe to ${PRODUCT}` }).click();
      await logShows(/Chain update: NIFTY PCR=\d+\.\d{4}/);
      await logShows(/Full chain: \d+ strikes, Max Pain=\d+/);
      expect(await page.locator('#log').innerText()).toContain(`Full chain: ${chain.strikes.length} strikes`);
      expect(await text('expiry')).toBe((await expiriesOf(PRODUCT))[0]);
      expect(await text('pcr-oi')).toMatch(/^\d+\.\d{4}$/);
      expect(await text('pcr-vol')).toMatch(/^\d+\.\d{4}$/);
      expect(await text('straddle')).toMatch(/^\d+\.\d{2}$/);
      expect(chain.strikes).toContain(Number(await text('max-pain')));
      expect(platform.products.map((p) => p.symbol)).toContain(await text('product'));
      expect(Number(await text('price'))).toBeGreaterThan(0);
      expect(await text('timestamp')).toMatch(/\d{1,2}:\d{2}:\d{2}/);

      // Another product's button: the summary panel follows that product.
      await page.getByRole('button', { name: 'Subscribe to BANKNIFTY' }).click();
      await logShows(/Chain update: BANKNIFTY PCR=\d+\.\d{4}/);
      expect(await text('expiry')).toBe((await expiriesOf('BANKNIFTY'))[0]);
      await page.waitForFunction(
        (strikes) => strikes.includes(Number(document.getElementById('max-pain')?.textContent)),
        (await nearestChain('BANKNIFTY')).strikes,
      );
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe(`examples/curl-examples.sh (with ${CURL_INSTALLED ? 'curl' : 'fetch, curl not being installed'})`, () => {
  const reads = CURL_EXAMPLES.filter((example) => example.method === 'GET');
  it.each(reads.map((example) => [example.title, example] as const))(
    '%s: 200, and its jq filter yields values, none null',
    async (_title, example) => {
      const { status, json } = await runCurlExample(platform.webUrl, example);
      expect(status).toBe(200);
      const output = example.filter(json);
      expect(output).toBeTypeOf('object');
      for (const [name, value] of Object.entries(output as object)) expect(value, name).not.toBeNull();
    },
  );

  it('4., 6. and 7.: the filters print the chain summary, the nearest expiry PCR and the surface expiry count', async () => {
    const [, , , chain, , pcr, surface] = await Promise.all(
      CURL_EXAMPLES.slice(0, 7).map(async (example) =>
        example.filter((await runCurlExample(platform.webUrl, example)).json),
      ),
    );
    const [nearest] = await expiriesOf(PRODUCT);
    expect(chain).toEqual({
      product: PRODUCT,
      expiry: nearest,
      spot_price: expect.any(Number),
      pcr_oi: expect.any(Number),
      atm_straddle_price: expect.any(Number),
    });
    expect(pcr).toMatchObject({
      expiry: nearest,
      pcr_oi: expect.any(Number),
      pcr_volume: expect.any(Number),
    });
    expect(surface).toEqual({ product: PRODUCT, num_expiries: (await expiriesOf(PRODUCT)).length });
  });

  it('8. Register User: its 7-character password is refused with a 400 naming the field (README: passwords)', async () => {
    const register = CURL_EXAMPLES.find((example) => example.path === '/api/auth/register')!;
    const { status, json } = await runCurlExample(platform.webUrl, register);
    expect(status).toBe(400);
    expect(register.filter(json)).toEqual({
      error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('password'), field: 'password' },
    });
  });
});

describe('examples/postman-collection.json', () => {
  it('runs in order; its market requests answer 200, the others as README says', async () => {
    const answers = await runPostmanCollection(platform.webUrl);
    expect(answers.map(({ name, status }) => [name, status])).toEqual([
      ['Health Check', 200],
      // README, passwords: test123 is refused, so there is no account to log in to and no token to verify.
      ['Register User', 400],
      ['Login User', 401],
      ['Verify Token', 401],
      ['Get Products', 200],
      ['Get Underlying Ticks', 200],
      ['Get Option Chain', 200],
      ['Get Expiries', 200],
      ['Get PCR Analysis', 200],
      ['Get PCR with History', 200],
      ['Get Volatility Surface', 200],
      // The collection's expiry expired long ago: no chain, a 404 naming it, as the original answered.
      ['Get Max Pain', 404],
    ]);
    expect(answers.find(({ name }) => name === 'Register User')!.json).toMatchObject({
      error: { field: 'password' },
    });
    expect(answers.find(({ name }) => name === 'Get Max Pain')!.json).toMatchObject({
      error: { code: 'NOT_FOUND', field: 'expiry' },
    });
  });
});

describe('the Python client of services/socket-gateway/README.md (python-socketio, replayed on the wire)', () => {
  it('is admitted as python-socketio connects; each handler gets the one argument it takes, with the keys it reads', async () => {
    // sio = socketio.Client(); sio.connect('http://localhost:8002'): long-polling, then WebSocket, no auth.
    const sio = await connectAsPythonSocketio(platform.webUrl);
    try {
      // @sio.on('connected') def on_connected(data): print(...); sio.emit('subscribe', {'type': 'product', 'symbol': 'NIFTY'})
      await until(() => sio.argsOf('connected').length > 0, '"connected"');
      sio.emit('subscribe', { type: 'product', symbol: PRODUCT });
      await until(
        () =>
          sio.argsOf('subscribed').length > 0 &&
          aboutProduct(PRODUCT)(sio.argsOf('underlying_update')) &&
          sio.argsOf('chain_summary').length > 0,
        'tick of NIFTY and chain summary',
      );
      // python-socketio calls handler(*args): `def handler(data)` raises TypeError on any other count.
      for (const [name, ...args] of sio.events) expect(args, String(name)).toHaveLength(1);
      ConnectedReadSchema.parse(sio.argsOf('connected')[0]![0]);
      // print(f"Price update: {data['product']} = {data['price']}"): a KeyError if either were missing.
      for (const [tick] of sio.argsOf('underlying_update')) {
        UnderlyingReadSchema.pick({ product: true, price: true }).parse(tick);
      }
      // print(f"PCR: {data['pcr_oi']}")
      for (const [summary] of sio.argsOf('chain_summary'))
        ChainSummaryReadSchema.pick({ pcr_oi: true }).parse(summary);
      expect(sio.argsOf('error')).toEqual([]);
    } finally {
      sio.close();
    }
  }, 120_000);
});

describe("the React dashboards' REST calls (services/api.js)", () => {
  const account = {
    name: 'Dashboard Trader',
    email: `dashboard.${randomBytes(4).toString('hex')}@example.com`,
    password: 'a long dashboard password',
  };
  /** What LoginPage keeps in localStorage. */
  let storedToken: string | null = null;
  let registered: { status: number; data: unknown };
  let loggedIn: { status: number; data: unknown };

  beforeAll(async () => {
    // LoginPage, "Create Account": register(name, email, password), then login(email, password).
    const api = dashboardApi(platform.webUrl, () => storedToken);
    registered = await api.register(account.name, account.email, account.password);
    loggedIn = await api.login(account.email, account.password);
    storedToken = z.object({ token: z.string() }).safeParse(loggedIn.data).data?.token ?? null;
  });

  it('LoginPage: registers, logs in, and stores response.data.token and response.data.user; the token verifies', async () => {
    expect(registered.status).toBe(201);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.data).toMatchObject({
      token: expect.any(String),
      user: { email: account.email, name: account.name },
    });
    expect(await dashboardApi(platform.webUrl, () => storedToken).verifyToken()).toMatchObject({
      status: 200,
      data: { valid: true, user: { email: account.email } },
    });
  });

  describe.each([
    { dashboard: 'frontend/, which never signs in', signedIn: false },
    { dashboard: 'services/dashboard-frontend, signed in by LoginPage', signedIn: true },
  ])('$dashboard', ({ signedIn }) => {
    const api = () => dashboardApi(platform.webUrl, () => (signedIn ? storedToken : null));

    it('App.fetchRestData: getUnderlying(product, 50) and getOptionChain(product), every field it keeps', async () => {
      const underlying = await api().getUnderlying(PRODUCT, 50);
      expect(underlying.status).toBe(200);
      const { ticks } = UnderlyingTicksReadSchema.parse(underlying.data);
      expect(ticks.length).toBeLessThanOrEqual(50);
      // The last tick is taken as the newest, the one before it as the previous price.
      const times = ticks.map((tick) => Date.parse(tick.timestamp));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const chains = await api().getOptionChain(PRODUCT);
      expect(chains.status).toBe(200);
      const [chain] = z.object({ chains: ChainReadSchema.array().min(1) }).parse(chains.data).chains;
      expect(chain!.product).toBe(PRODUCT);
      expect(alignedChain(chain!)).toBe(true);
    });

    it('IVSurface: getVolatilitySurface(product) answers the strikes × expiries grid (README: volatility-surface)', async () => {
      const { status, data } = await api().getVolatilitySurface(PRODUCT);
      expect(status).toBe(200);
      const surface = z
        .object({
          product: z.literal(PRODUCT),
          expiries: z.array(z.iso.date()).min(1),
          strikes: z.array(z.number()).min(1),
          iv: z.array(z.array(z.number().nullable())),
        })
        .parse(data);
      expect(surface.iv).toHaveLength(surface.expiries.length);
      for (const row of surface.iv) expect(row).toHaveLength(surface.strikes.length);
    });

    it("api.js's other calls answer as the README says: products, expiries, PCR, max pain, OI build-up, OHLC", async () => {
      expect(await api().getProducts()).toMatchObject({
        status: 200,
        data: { products: ['NIFTY', 'BANKNIFTY'] },
      });
      const expiries = await api().getExpiries(PRODUCT);
      const [nearest] = z.object({ expiries: z.array(z.iso.date()).min(1) }).parse(expiries.data).expiries;
      const PcrSchema = z.object({
        latest: z.array(z.object({ expiry: z.string(), pcr_oi: z.number() })).min(1),
        history: z.array(z.object({ pcr_oi: z.number() })),
      });
      const pcr = await api().getPCR(PRODUCT);
      expect(pcr.status).toBe(200);
      const withoutHistory = PcrSchema.parse(pcr.data);
      expect(withoutHistory.latest[0]!.expiry).toBe(nearest);
      expect(withoutHistory.history).toEqual([]);
      expect(PcrSchema.parse((await api().getPCR(PRODUCT, true)).data).history.length).toBeGreaterThan(0);
      expect(await api().getMaxPain(PRODUCT, nearest!)).toMatchObject({
        status: 200,
        data: { expiry: nearest, max_pain_strike: expect.any(Number) },
      });
      expect(await api().getOIBuildup(PRODUCT, nearest!)).toMatchObject({
        status: 200,
        data: { expiry: nearest },
      });
      expect(await api().getOHLC(PRODUCT)).toMatchObject({
        status: 200,
        data: { window_minutes: 5, open: expect.any(Number), close: expect.any(Number) },
      });
    });
  });

  it('grants a page of another origin no CORS access (README: CORS)', async () => {
    const answer = await fetch(`${platform.webUrl}/api/data/chain/${PRODUCT}`, {
      headers: { Origin: site.origin },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("the Trading tab's calls are not served (README: the trade simulator)", async () => {
    const trading = dashboardApi(platform.webUrl, () => storedToken).trading;
    const answers = await Promise.all([
      trading.placeOrder({ symbol: 'NIFTY20261229C21500', side: 'BUY', quantity: 75 }),
      trading.getOrders(),
      trading.getOrders('OPEN'),
      trading.cancelOrder('1'),
      trading.getPortfolio(),
      trading.getPositions(),
      trading.getPnL(),
      trading.getPerformance(),
      trading.getRiskMetrics(),
    ]);
    for (const answer of answers)
      expect(answer).toMatchObject({ status: 404, data: { error: { code: 'NOT_FOUND' } } });
  });
});
