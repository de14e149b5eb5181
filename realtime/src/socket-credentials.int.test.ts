import { issueAccessToken } from '@deltastream/auth/access-tokens';
import type { ApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import { createTestApiToken, type TestApiToken } from '@deltastream/auth/testing';
import { CHANNELS, publish } from '@deltastream/bus/channels';
import { RECOVERABLE_NAMESPACE } from '@deltastream/core/socket';
import type { User } from '@deltastream/db/queries';
import { createTestDatabase, createTestUser, type TestDatabase } from '@deltastream/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueWith,
  enrichedTick,
  request,
  SETTLE_MS,
  sleep,
  startApiTokenLookup,
  TEST_SECRET,
  uniqueSymbol,
  useRealtimeTest,
  waitFor,
  type Gateway,
  type RecordingClient,
} from './test-harness';

/** Open connections' credentials: revocation and expiry reach them, and recovery does not bring them back. */

/** Socket.IO's packet type of an event (socket.io-parser PacketType.EVENT). */
const EVENT_PACKET = 2;
const SYMBOL = uniqueSymbol();
const products = catalogueWith([SYMBOL]);
let database: TestDatabase;
let user: User;
/** The lookup as web holds it: tokens are revoked through it, as DELETE /api/tokens/{id} does. */
let web: ApiTokenLookup;
// Registered before the gateways' clean-up, so it runs after it (vitest runs afterAll hooks in reverse).
afterAll(async () => {
  web?.close();
  await database?.drop();
});
const realtime = useRealtimeTest();
const { redis, gateways } = realtime;

const claims = () => ({ sub: user.id, email: user.email, role: user.role });

function apiToken(name: string): Promise<TestApiToken> {
  return createTestApiToken(database.db, { userId: user.id, name, scopes: ['read:stream'] });
}

async function open(gateway: Gateway, token: string, namespace?: string): Promise<RecordingClient> {
  return realtime.connect(gateway.url, { token, onlyProducts: [SYMBOL], namespace });
}

function gateway(index: number): Gateway {
  const found = gateways[index];
  if (!found) throw new Error(`no gateway ${index}`);
  return found;
}

/** How a socket ended: when, why, and the errors it had been told of by then. */
function ending(client: RecordingClient): Promise<{ atMs: number; reason: string; errors: unknown[] }> {
  return new Promise((resolve) => {
    client.socket.once('disconnect', (reason) =>
      resolve({ atMs: Date.now(), reason, errors: client.payloads('error') }),
    );
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  user = await createTestUser(database.db, 'desk@example.com');
  web = await startApiTokenLookup(database.db, redis);
  for (let i = 0; i < 3; i += 1) await realtime.startGateway({ products, db: database.db });
});

describe('a revoked API token', () => {
  it('loses every socket on every gateway within a second, told why; other sockets stay', async () => {
    const revoked = await apiToken('revoked');
    const kept = await apiToken('kept');
    const { token: access } = await issueAccessToken(TEST_SECRET, claims());
    const doomed: RecordingClient[] = [];
    const survivors: RecordingClient[] = [];
    for (const g of gateways) {
      doomed.push(await open(g, revoked.token));
      survivors.push(await open(g, kept.token), await open(g, access));
    }
    doomed.push(
      await open(gateway(0), revoked.token),
      await open(gateway(1), revoked.token, RECOVERABLE_NAMESPACE),
    );
    const endings = Promise.all(doomed.map(ending));

    const revokedAt = Date.now();
    expect(await web.revoke({ userId: user.id, tokenId: revoked.id })).toBe(true);
    for (const end of await endings) {
      expect(end.atMs - revokedAt).toBeLessThan(1_000);
      expect(end.reason).toBe('io server disconnect');
      expect(end.errors).toEqual([{ code: 'TOKEN_REVOKED', message: 'the API token was revoked' }]);
    }
    await sleep(SETTLE_MS);
    expect(survivors.map((client) => client.socket.connected)).toEqual(survivors.map(() => true));
    expect(survivors.map((client) => client.count('error'))).toEqual(survivors.map(() => 0));
    expect(gateways.map((g) => g.server.io.of('/').sockets.size)).toEqual([2, 2, 2]);
    expect(gateways.map((g) => g.server.io.of(RECOVERABLE_NAMESPACE).sockets.size)).toEqual([0, 0, 0]);
    for (const client of survivors) client.socket.close();
  });
});

describe('an access token', () => {
  it('loses its socket when it expires, told why; a longer-lived one stays', async () => {
    const { token, expiresAt } = await issueAccessToken(TEST_SECRET, claims(), { ttlSeconds: 2 });
    const { token: lasting } = await issueAccessToken(TEST_SECRET, claims(), { ttlSeconds: 600 });
    const expiring = await open(gateway(1), token);
    const staying = await open(gateway(1), lasting);

    const end = await ending(expiring);
    expect(end.atMs).toBeGreaterThanOrEqual(expiresAt.getTime());
    expect(end.atMs - expiresAt.getTime()).toBeLessThan(1_000);
    expect(end.reason).toBe('io server disconnect');
    expect(end.errors).toEqual([
      { code: 'TOKEN_EXPIRED', message: 'the token expired; connect again with a fresh one' },
    ]);
    await sleep(SETTLE_MS);
    expect(staying.socket.connected).toBe(true);
    staying.socket.close();
  });
});

describe('connection state recovery', () => {
  /**
   * A client subscribed to SYMBOL that received a tick (so it has an offset to recover from), whose
   * connection then dropped: the gateway keeps its session.
   */
  async function droppedClient(g: Gateway, token: string): Promise<RecordingClient> {
    const client = await open(g, token, RECOVERABLE_NAMESPACE);
    await request(client, 'subscribe', { type: 'product', symbol: SYMBOL });
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 1));
    await waitFor(() => client.count('underlying_update') >= 1);
    const id = client.socket.id ?? '';
    client.socket.io.engine.close();
    await waitFor(() => !g.server.io.of(RECOVERABLE_NAMESPACE).sockets.has(id));
    return client;
  }

  /** Reconnects; the outcome, and the SYMBOL events that reached the client's connection meanwhile. */
  async function reconnect(client: RecordingClient): Promise<{ outcome: string; events: string[] }> {
    const events: string[] = [];
    client.socket.io.on('packet', (packet: { type: number; data?: [string, { product?: string }] }) => {
      if (packet.type === EVENT_PACKET && packet.data?.[1]?.product === SYMBOL) events.push(packet.data[0]);
    });
    const outcome = await new Promise<string>((resolve) => {
      client.socket.once('connect', () => resolve(client.socket.recovered ? 'recovered' : 'connected'));
      client.socket.once('connect_error', (error) => resolve(error.message));
      client.socket.connect();
    });
    return { outcome, events };
  }

  it('authenticates the reconnecting client again', async () => {
    const { token } = await issueAccessToken(TEST_SECRET, claims());
    const client = await droppedClient(gateway(0), token);
    client.socket.auth = { token: 'garbage' };
    expect((await reconnect(client)).outcome).toBe('unauthorized: invalid token');
  });

  it('refuses a session whose API token was revoked meanwhile, and sends it nothing it missed', async () => {
    const { id, token } = await apiToken('recovering');
    const client = await droppedClient(gateway(2), token);
    const heard = new Promise<void>((resolve) =>
      gateway(2).apiTokens.follow({ revoked: () => resolve(), subscribed: () => {} }),
    );
    expect(await web.revoke({ userId: user.id, tokenId: id })).toBe(true);
    await heard;
    // A tick the dropped client misses: the gateway keeps it for the session (the bystander shows when
    // the gateway has sent it).
    const bystander = await open(gateway(2), (await issueAccessToken(TEST_SECRET, claims())).token);
    await request(bystander, 'subscribe', { type: 'product', symbol: SYMBOL });
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 2));
    await waitFor(() =>
      bystander.payloads('underlying_update').some((tick) => (tick as { tick_id: number }).tick_id === 2),
    );
    expect(await reconnect(client)).toEqual({
      outcome: 'unauthorized: unknown, revoked or expired API token',
      events: [],
    });
  });

  it('refuses a session whose access token expired meanwhile', async () => {
    const { token, expiresAt } = await issueAccessToken(TEST_SECRET, claims(), { ttlSeconds: 2 });
    const client = await droppedClient(gateway(1), token);
    await sleep(expiresAt.getTime() - Date.now() + 50);
    expect((await reconnect(client)).outcome).toBe('unauthorized: token expired');
  });
});
