import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { issueAccessToken } from '@deltastream/auth/access-tokens';
import { createApiTokenLookup, type ApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import { Registry } from 'prom-client';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { loadCatalogueFile } from '@deltastream/bus/catalogue';
import { createRedis } from '@deltastream/bus/redis';
import { deleteNamespace, testRedisPrefix } from '@deltastream/bus/testing';
import type { EnrichedChain, EnrichedUnderlying, Product } from '@deltastream/core/schemas';
import { createDb, DEVELOPMENT_DATABASE_URL, type Db } from '@deltastream/db/client';
import { createRealtimeServer, type RealtimeDeps, type RealtimeServer } from './app';

/** What the integration tests share: real Redis, gateways on port 0, socket.io-client. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * The Redis namespace of the test file that imports this module (each file gets its own module
 * instance): its gateways hear only the events it publishes, and nothing it publishes reaches a
 * platform running on the same Redis.
 */
export const REDIS_PREFIX = testRedisPrefix('realtime');

/** A command connection in the test file's namespace. */
export function testRedis(): Redis {
  return createRedis(REDIS_URL, 'command', { prefix: REDIS_PREFIX });
}
export const TEST_SECRET = 'test-secret-for-the-realtime-gateway-0123456789';

/** A user's access token for the test gateways (signed with TEST_SECRET), as web issues it at sign-in. */
export async function userToken(email: string, sub = 'u'): Promise<string> {
  return (await issueAccessToken(TEST_SECRET, { sub, email, role: 'user' })).token;
}

/** A symbol no other test file uses, so parallel files never see each other's events. */
export function uniqueSymbol(): string {
  return `R${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** The shipped catalogue plus copies of its first product under `symbols`. */
export function catalogueWith(symbols: string[]): Product[] {
  const products = loadCatalogueFile();
  const template = products[0];
  if (!template) throw new Error('empty catalogue');
  return [...products, ...symbols.map((symbol) => ({ ...template, symbol, name: `Test ${symbol}` }))];
}

export interface Gateway {
  server: RealtimeServer;
  url: string;
  registry: Registry;
  apiTokens: ApiTokenLookup;
  close(): Promise<void>;
}

const silent = pino({ level: 'silent' });

/**
 * An API-token lookup as a process holds it, once it hears revocations: web's, to revoke through, or a
 * gateway's own. `redis` is a command connection the caller closes.
 */
export async function startApiTokenLookup(
  db: Db,
  redis: Redis,
  redisUrl: string = REDIS_URL,
): Promise<ApiTokenLookup> {
  const lookup = createApiTokenLookup({
    db,
    redis,
    redisUrl,
    redisPrefix: REDIS_PREFIX,
    logger: silent,
  });
  await new Promise<void>((resolve) => {
    const stop = lookup.follow({ revoked: () => {}, subscribed: () => (stop(), resolve()) });
  });
  return lookup;
}

/** Limits no test meets unless it sets its own: a test's burst of requests is not what it is about. */
const GENEROUS_CLIENT_EVENT_LIMIT = { eventsPerSecond: 10_000, burst: 10_000, maxRefused: 10_000 };

/** A gateway's dependencies where they differ from the tests' defaults; `products` always. */
export type GatewayOptions = Partial<RealtimeDeps> &
  Pick<RealtimeDeps, 'products'> & { db?: Db; redisUrl?: string };

/**
 * One gateway with its own Redis connections, as a separate pod would have. `db` holds the API tokens
 * its tests use; `redisUrl` is another Redis server than the shared one (all its connections use it).
 */
export async function startGateway(overrides: GatewayOptions): Promise<Gateway> {
  const { db, redisUrl = REDIS_URL, ...deps } = overrides;
  const options = { prefix: REDIS_PREFIX };
  const redis = createRedis(redisUrl, 'command', options);
  const pubClient = createRedis(redisUrl, 'command', options);
  const subClient = createRedis(redisUrl, 'subscriber', options);
  const eventSubscriber = createRedis(redisUrl, 'subscriber', options);
  // A test that stops its Redis server expects these to fail until it is back.
  for (const connection of [redis, pubClient, subClient, eventSubscriber]) connection.on('error', () => {});
  // postgres.js connects lazily: gateways whose tests use no API token never open a connection.
  const database = db ? null : createDb(DEVELOPMENT_DATABASE_URL, { max: 1 });
  const apiTokens = await startApiTokenLookup(db ?? (database?.db as Db), redis, redisUrl);
  const registry = new Registry();
  const server = createRealtimeServer({
    redis,
    pubClient,
    subClient,
    eventSubscriber,
    apiTokens,
    authSecret: TEST_SECRET,
    publicMarketData: false,
    maxSubscriptionsPerClient: 50,
    maxBufferedMessages: 200,
    corsOrigins: ['http://localhost:3000'],
    maxMessageBytes: 16_384,
    clientEventLimit: GENEROUS_CLIENT_EVENT_LIMIT,
    logger: silent,
    registry,
    ...deps,
  });
  const port = await server.listen(0);
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    registry,
    apiTokens,
    async close() {
      await server.close();
      apiTokens.close();
      await database?.close();
      for (const connection of [redis, pubClient, subClient, eventSubscriber]) connection.disconnect();
    },
  };
}

/** A client that records every event it receives, in order. */
export interface RecordingClient {
  socket: ClientSocket;
  received: Array<{ event: string; payload: unknown }>;
  count(event: string): number;
  payloads(event: string): unknown[];
}

/**
 * `onlyProducts` ignores market data of other products: other test suites on the same Redis may publish
 * catalogue products such as NIFTY, which reach every client in `general`.
 */
export function record(socket: ClientSocket, onlyProducts?: readonly string[]): RecordingClient {
  const received: RecordingClient['received'] = [];
  const wanted = onlyProducts ? new Set(onlyProducts) : null;
  socket.onAny((event: string, payload: unknown) => {
    const product = (payload as { product?: unknown } | null)?.product;
    if (wanted && typeof product === 'string' && !wanted.has(product)) return;
    received.push({ event, payload });
  });
  return {
    socket,
    received,
    count: (event) => received.filter((r) => r.event === event).length,
    payloads: (event) => received.filter((r) => r.event === event).map((r) => r.payload),
  };
}

export interface ConnectOptions {
  token?: string;
  /** The whole `auth` payload, for one that is not `{ token }`. */
  auth?: Record<string, unknown>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  reconnection?: boolean;
  onlyProducts?: readonly string[];
  /** `RECOVERABLE_NAMESPACE` for a client that recovers its session after a drop. */
  namespace?: string;
}

/** Connects and resolves once the gateway's `connected` greeting arrives (the socket is then in `general`). */
export function connect(url: string, options: ConnectOptions = {}): Promise<RecordingClient> {
  const socket = connectClient(`${url}${options.namespace ?? ''}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    ...(options.token === undefined ? {} : { auth: { token: options.token } }),
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.headers ? { extraHeaders: options.headers } : {}),
    ...(options.query ? { query: options.query } : {}),
  });
  const client = record(socket, options.onlyProducts);
  return new Promise((resolve, reject) => {
    socket.once('connected', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits with an ack and resolves with the gateway's reply. */
export function request(client: RecordingClient, event: string, ...args: unknown[]): Promise<unknown> {
  return client.socket.timeout(5_000).emitWithAck(event, ...args);
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Time for a stray second delivery to show up before counts are asserted. */
export const SETTLE_MS = 300;

export function enrichedTick(product: string, tickId: number, price = 100): EnrichedUnderlying {
  const now = new Date().toISOString();
  return {
    type: 'UNDERLYING_ENRICHED',
    product,
    price,
    timestamp: now,
    tick_id: tickId,
    change: 0,
    change_pct: 0,
    session_open: price,
    processed_at: now,
  };
}

export function enrichedChain(product: string, expiry: string, seq: number): EnrichedChain {
  const now = new Date().toISOString();
  return {
    product,
    expiry,
    spot_price: 100,
    strikes: [100],
    calls: [],
    puts: [],
    timestamp: now,
    seq,
    time_to_expiry_years: 0.01,
    conventions: { model: 'black-scholes-merton', rate: 0.05, dividend_yield: 0, day_count: 'ACT/365' },
    change_base: 'previous_close',
    processed_at: now,
    pcr_oi: 1.2,
    pcr_volume: null,
    atm_strike: 100,
    atm_straddle_price: 4,
    implied_move: 4,
    implied_move_pct: 4,
    atm_iv: 0.2,
    max_pain_strike: 100,
    total_call_oi: 10,
    total_put_oi: 12,
    total_call_volume: 0,
    total_put_volume: 0,
    call_buildup_otm: 0,
    put_buildup_otm: 0,
    gamma_exposure: { net_gamma_exposure: 0, call_wall: null, put_wall: null, gamma_flip: null },
  };
}

/** A date `days` after today (UTC), as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** What a test file starts and `useRealtimeTest` closes after its tests. */
export interface RealtimeTest {
  /** A command connection in the file's namespace. */
  redis: Redis;
  /** The gateways started through `startGateway`, in order. */
  gateways: Gateway[];
  startGateway(overrides: GatewayOptions): Promise<Gateway>;
  connect(url: string, options?: ConnectOptions): Promise<RecordingClient>;
}

/**
 * The test file's gateways, clients and Redis connection: registers the `afterAll` that closes the
 * clients, then the gateways, then deletes the file's namespace and disconnects. vitest runs `afterAll`
 * hooks in reverse, so the file's own clean-up (registered after this call) runs first.
 */
export function useRealtimeTest(): RealtimeTest {
  const redis = testRedis();
  const gateways: Gateway[] = [];
  const clients: RecordingClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.socket.close();
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await deleteNamespace(redis);
    redis.disconnect();
  });
  return {
    redis,
    gateways,
    async startGateway(overrides) {
      const gateway = await startGateway(overrides);
      gateways.push(gateway);
      return gateway;
    },
    async connect(url, options) {
      const client = await connect(url, options);
      clients.push(client);
      return client;
    },
  };
}
