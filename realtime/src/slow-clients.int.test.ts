import { CHANNELS, publish } from '@deltastream/bus/channels';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSingleProductTest } from './single-product-test';
import { enrichedTick, request, sleep, waitFor, type Gateway, type RecordingClient } from './test-harness';

const realtime = useSingleProductTest('slow@example.com');
const { symbol: SYMBOL, redis } = realtime;
let gateway: Gateway;
let slow: RecordingClient;
let fast: RecordingClient;

beforeAll(async () => {
  gateway = await realtime.startGateway({ maxBufferedMessages: 2 });
  [slow, fast] = await Promise.all([realtime.connect(gateway.url), realtime.connect(gateway.url)]);
  await request(slow, 'subscribe', { type: 'product', symbol: SYMBOL });
  await request(fast, 'subscribe', { type: 'product', symbol: SYMBOL });
});

describe('slow clients', () => {
  it('conflates to the latest tick once the outgoing buffer is over the limit, and sends it on drain', async () => {
    const serverSocket = gateway.server.io.of('/').sockets.get(slow.socket.id ?? '');
    if (!serverSocket) throw new Error('no server socket');
    // engine.io keeps these private; the test drives them to simulate a client that cannot keep up.
    const conn = serverSocket.conn as unknown as { writeBuffer: unknown[]; flush(): void };
    const transport = serverSocket.conn.transport as unknown as { writable: boolean };
    // Start from an idle transport, so no send in flight can flip `writable` back.
    await waitFor(() => transport.writable && conn.writeBuffer.length === 0);
    slow.received.length = 0;
    fast.received.length = 0;

    // Backpressure: the transport cannot write, so engine.io keeps packets in the socket's writeBuffer.
    transport.writable = false;
    for (let tickId = 1; tickId <= 10; tickId += 1) {
      await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, tickId));
    }
    await waitFor(() => fast.count('underlying_update') === 10);
    expect(conn.writeBuffer).toHaveLength(3);
    expect(slow.count('underlying_update')).toBe(0);

    transport.writable = true;
    conn.flush();
    await waitFor(() => slow.count('underlying_update') === 4);
    await sleep(200);
    expect(slow.payloads('underlying_update').map((t) => (t as { tick_id: number }).tick_id)).toEqual([
      1, 2, 3, 10,
    ]);
    expect(fast.payloads('underlying_update').map((t) => (t as { tick_id: number }).tick_id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);

    // Drained: the next tick goes straight out again.
    await publish(redis, CHANNELS.enrichedUnderlying, enrichedTick(SYMBOL, 11));
    await waitFor(() => slow.count('underlying_update') === 5);
  });
});
