import { CHANNELS, publish } from '@deltastream/bus/channels';
import {
  connectAsPythonSocketio,
  rawConnect,
  type RawSocketIoClient,
} from '@deltastream/bus/raw-socket-io-client';
import { RECOVERABLE_NAMESPACE } from '@deltastream/core/socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSingleProductTest } from './single-product-test';
import { daysFromToday, enrichedChain, enrichedTick, SETTLE_MS, sleep, waitFor } from './test-harness';

/**
 * What a client written for the original gateway receives, read off the wire: python-socketio calls
 * `handler(*args)` with every argument of an event packet, so `def handler(data)` needs exactly one.
 */

const realtime = useSingleProductTest('py@example.com');
const { symbol: SYMBOL, products, redis } = realtime;
let gatewayUrl: string;
const opened: RawSocketIoClient[] = [];

/** Events about SYMBOL or about no product (other test files' catalogue products reach `general`). */
function ours(client: RawSocketIoClient): unknown[][] {
  return client.events.filter(([, payload]) => {
    const product = (payload as { product?: unknown } | null)?.product;
    return product === undefined || product === SYMBOL;
  });
}

async function open(options: Parameters<typeof rawConnect>[1]): Promise<RawSocketIoClient> {
  const client = await rawConnect(gatewayUrl, options);
  opened.push(client);
  return client;
}

beforeAll(async () => {
  gatewayUrl = (await realtime.startGateway()).url;
});

afterAll(() => {
  for (const client of opened) client.close();
});

describe('a client of the original gateway (the default namespace)', () => {
  it('receives every event as exactly ["event", payload], in the original shapes', async () => {
    const [near, far] = [daysFromToday(1), daysFromToday(8)];
    // As python-socketio's WebSocket transport connects: its Origin is the address it connects to.
    const client = await open({
      auth: { token: realtime.token },
      headers: { origin: gatewayUrl },
    });
    client.emit('subscribe', { type: 'product', symbol: SYMBOL });
    client.emit('subscribe', { type: 'chain', symbol: SYMBOL });
    await waitFor(() => client.argsOf('subscribed').length === 2);
    client.emit('get_products');
    await waitFor(() => client.argsOf('products').length === 1);

    await publish(redis, CHANNELS.enrichedChain, enrichedChain(SYMBOL, near, 1));
    await publish(redis, CHANNELS.enrichedChain, enrichedChain(SYMBOL, far, 1));
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 1));
    await waitFor(() => client.argsOf('underlying_update').length === 1);
    await sleep(SETTLE_MS);

    const events = ours(client);
    expect(events.map(([name]) => name)).toEqual([
      'connected',
      'subscribed',
      'subscribed',
      'products',
      'chain_summary',
      'chain_update',
      'underlying_update',
    ]);
    for (const packet of client.events) expect(packet).toHaveLength(2);

    expect(client.argsOf('connected')).toEqual([
      [expect.objectContaining({ client_id: expect.any(String), rooms: ['general'] })],
    ]);
    expect(client.argsOf('subscribed')).toEqual([
      [expect.objectContaining({ room: `product:${SYMBOL}`, message: `Subscribed to product:${SYMBOL}` })],
      [expect.objectContaining({ room: `chain:${SYMBOL}`, message: `Subscribed to chain:${SYMBOL}` })],
    ]);
    const [[productList]] = client.argsOf('products') as [[{ products: unknown[] }]];
    expect(productList.products).toEqual(products.map((p) => p.symbol));
    // The original's summary fields, of the one expiry followed (the nearest).
    expect(client.argsOf('chain_summary')).toEqual([
      [
        expect.objectContaining({
          product: SYMBOL,
          expiry: near,
          spot_price: 100,
          pcr_oi: 1.2,
          pcr_volume: null,
          atm_straddle_price: 4,
          timestamp: expect.any(String),
        }),
      ],
    ]);
    expect(client.argsOf('chain_update')).toEqual([[expect.objectContaining({ expiry: near, seq: 1 })]]);
    expect(client.argsOf('underlying_update')).toEqual([
      [expect.objectContaining({ product: SYMBOL, tick_id: 1, price: 100 })],
    ]);
  });

  it('answers a bad subscription with an error carrying the original `message`', async () => {
    const client = await open({ auth: { token: realtime.token } });
    client.emit('subscribe', { symbol: SYMBOL });
    await waitFor(() => client.argsOf('error').length === 1);
    expect(client.argsOf('error')).toEqual([
      [{ code: 'INVALID_PAYLOAD', message: expect.stringContaining('type') }],
    ]);
  });
});

describe('python-socketio with its defaults on a gateway of public market data', () => {
  it('is admitted by long-polling then WebSocket, CONNECT without auth, and gets one argument per event', async () => {
    const publicGateway = await realtime.startGateway({ publicMarketData: true });
    const client = await connectAsPythonSocketio(publicGateway.url);
    opened.push(client);
    await waitFor(() => client.argsOf('connected').length === 1);
    client.emit('subscribe', { type: 'product', symbol: SYMBOL });
    await waitFor(() => client.argsOf('subscribed').length === 1);
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 3));
    await waitFor(() => client.argsOf('underlying_update').length === 1);

    expect(ours(client).map(([name]) => name)).toEqual(['connected', 'subscribed', 'underlying_update']);
    for (const packet of client.events) expect(packet).toHaveLength(2);
    expect(client.argsOf('connected')).toEqual([[expect.objectContaining({ user: null })]]);
    expect(client.argsOf('underlying_update')).toEqual([
      [expect.objectContaining({ product: SYMBOL, tick_id: 3, price: 100 })],
    ]);
  });
});

describe('a client of the recoverable namespace', () => {
  it('gets the recovery offset as an extra argument of each broadcast', async () => {
    const client = await open({ auth: { token: realtime.token }, namespace: RECOVERABLE_NAMESPACE });
    client.emit('subscribe', { type: 'product', symbol: SYMBOL });
    await waitFor(() => client.argsOf('subscribed').length === 1);
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 2));
    await waitFor(() => client.argsOf('underlying_update').length === 1);
    expect(client.argsOf('underlying_update')).toEqual([
      [expect.objectContaining({ tick_id: 2 }), expect.any(String)],
    ]);
  });
});
