import { randomUUID } from 'node:crypto';
import { issueAccessToken } from '@deltastream/auth/access-tokens';
import { CHANNELS, publish } from '@deltastream/bus/channels';
import { channelName } from '@deltastream/bus/redis';
import { deleteNamespace } from '@deltastream/bus/testing';
import type { FiredAlert } from '@deltastream/core/alerts';
import { CLIENT_EVENTS, RECOVERABLE_NAMESPACE, SERVER_EVENTS } from '@deltastream/core/socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueWith,
  connect,
  request,
  sleep,
  startGateway,
  TEST_SECRET,
  testRedis,
  waitFor,
  type ConnectOptions,
  type Gateway,
  type RecordingClient,
} from './test-harness';

/** Time for a stray or second delivery to show up before counts are asserted. */
const SETTLE_MS = 300;

const products = catalogueWith([]);
const redis = testRedis();
const gateways: Gateway[] = [];
const clients: RecordingClient[] = [];
const alice = { id: randomUUID(), email: 'alice@example.com' };
const bob = { id: randomUUID(), email: 'bob@example.com' };

const tokenOf = async (user: { id: string; email: string }) =>
  (await issueAccessToken(TEST_SECRET, { sub: user.id, email: user.email, role: 'user' })).token;

async function client(gateway: Gateway, options: ConnectOptions = {}): Promise<RecordingClient> {
  const c = await connect(gateway.url, options);
  clients.push(c);
  return c;
}

function firedAlert(message: string): FiredAlert {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    alert_id: randomUUID(),
    product: 'NIFTY',
    expiry: null,
    condition: { metric: 'spot', direction: 'above', level: 24_500 },
    note: 'breakout',
    value: 24_512.3,
    message,
    data_timestamp: now,
    fired_at: now,
  };
}

const alertsOf = (c: RecordingClient) => c.payloads(SERVER_EVENTS.alert) as FiredAlert[];

beforeAll(async () => {
  // Market data public, so anonymous sockets connect too (and must still get no alert).
  gateways.push(
    await startGateway({ products, publicMarketData: true }),
    await startGateway({ products, publicMarketData: true }),
  );
});

afterAll(async () => {
  for (const c of clients) c.socket.close();
  await Promise.all(gateways.map((g) => g.close()));
  await deleteNamespace(redis);
  redis.disconnect();
});

describe('alerts to their owner only', () => {
  it("reaches each of the owner's sockets once, on either gateway, and no one else's", async () => {
    const aliceToken = await tokenOf(alice);
    const [aliceOn0, aliceOn1, aliceRecoverable, bobOn0, anonymous] = await Promise.all([
      client(gateways[0]!, { token: aliceToken }),
      client(gateways[1]!, { token: aliceToken }),
      client(gateways[1]!, { token: aliceToken, namespace: RECOVERABLE_NAMESPACE }),
      client(gateways[0]!, { token: await tokenOf(bob) }),
      client(gateways[1]!),
    ]);
    // The user room is the gateway's own routing: the greeting lists what the client asked for.
    expect(aliceOn0.payloads(SERVER_EVENTS.connected)[0]).toMatchObject({
      rooms: ['general'],
      user: alice.email,
    });

    const fired = firedAlert('NIFTY spot 24,512.30 crossed above 24,500');
    await publish(redis, CHANNELS.alertFired, { user_id: alice.id, alert: fired });
    await waitFor(() => [aliceOn0, aliceOn1, aliceRecoverable].every((c) => alertsOf(c).length > 0));
    await sleep(SETTLE_MS);

    for (const c of [aliceOn0, aliceOn1]) expect(alertsOf(c)).toEqual([fired]);
    // The recoverable namespace carries the offset after the payload, as for every event there.
    expect(alertsOf(aliceRecoverable)).toEqual([fired]);
    expect(bobOn0.count(SERVER_EVENTS.alert)).toBe(0);
    expect(anonymous.count(SERVER_EVENTS.alert)).toBe(0);

    const forBob = firedAlert('NIFTY PCR (OI) 1.31 crossed above 1.3');
    await publish(redis, CHANNELS.alertFired, { user_id: bob.id, alert: forBob });
    await waitFor(() => alertsOf(bobOn0).length > 0);
    await sleep(SETTLE_MS);
    expect(alertsOf(bobOn0)).toEqual([forBob]);
    for (const c of [aliceOn0, aliceOn1, aliceRecoverable]) expect(alertsOf(c)).toEqual([fired]);
    expect(anonymous.count(SERVER_EVENTS.alert)).toBe(0);
  });

  it('cannot be joined by asking: a client names no user room', async () => {
    const eve = await client(gateways[0]!, { token: await tokenOf({ id: randomUUID(), email: 'e@x.com' }) });
    const answer = await request(eve, CLIENT_EVENTS.subscribe, {
      type: 'product',
      symbol: `user:${alice.id}`,
    });
    expect(answer).toMatchObject({ code: expect.any(String) });
    await publish(redis, CHANNELS.alertFired, { user_id: alice.id, alert: firedAlert('not for eve') });
    await sleep(SETTLE_MS);
    expect(eve.count(SERVER_EVENTS.alert)).toBe(0);
  });

  it('drops a malformed notification and goes on delivering', async () => {
    const carol = { id: randomUUID(), email: 'carol@example.com' };
    const c = await client(gateways[1]!, { token: await tokenOf(carol) });
    await redis.publish(
      channelName(redis, CHANNELS.alertFired),
      JSON.stringify({ user_id: carol.id, alert: { message: 'no fields' } }),
    );
    const fired = firedAlert('NIFTY ATM IV 21.0% crossed above 20%');
    await publish(redis, CHANNELS.alertFired, { user_id: carol.id, alert: fired });
    await waitFor(() => c.count(SERVER_EVENTS.alert) > 0);
    await sleep(SETTLE_MS);
    expect(alertsOf(c)).toEqual([fired]);
  });

  it('replays an alert fired during a short drop to the recovered session', async () => {
    const dave = { id: randomUUID(), email: 'dave@example.com' };
    const token = await tokenOf(dave);
    const c = await client(gateways[0]!, { token, namespace: RECOVERABLE_NAMESPACE, reconnection: true });
    const first = firedAlert('first');
    await publish(redis, CHANNELS.alertFired, { user_id: dave.id, alert: first });
    await waitFor(() => c.count(SERVER_EVENTS.alert) === 1);

    const sockets = gateways[0]!.server.io.of(RECOVERABLE_NAMESPACE).sockets;
    const id = c.socket.id ?? '';
    c.socket.io.engine.close();
    await waitFor(() => !sockets.has(id));
    const missed = firedAlert('fired while away');
    await publish(redis, CHANNELS.alertFired, { user_id: dave.id, alert: missed });
    await waitFor(() => c.socket.connected && c.count(SERVER_EVENTS.alert) === 2, 10_000);
    await sleep(SETTLE_MS);

    expect(c.socket.recovered).toBe(true);
    expect(alertsOf(c)).toEqual([first, missed]);
    // Still in its own room after recovery: the next alert arrives once.
    const after = firedAlert('after recovery');
    await publish(redis, CHANNELS.alertFired, { user_id: dave.id, alert: after });
    await waitFor(() => c.count(SERVER_EVENTS.alert) === 3);
    await sleep(SETTLE_MS);
    expect(alertsOf(c)).toEqual([first, missed, after]);
  });
});
