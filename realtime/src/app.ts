import { channelName, redisAnswersPing } from '@deltastream/bus/redis';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { Server, type Socket } from 'socket.io';
import { getLatestChains, getLatestUnderlying } from '@deltastream/bus/cache';
import { ROOMS } from '@deltastream/bus/rooms';
import { CHANNELS } from '@deltastream/bus/channels';
import type { Logger } from '@deltastream/bus/logger';
import { createRealtimeMetrics } from '@deltastream/bus/realtime-metrics';
import { toChainSummary, type Product } from '@deltastream/core/schemas';
import type { ApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import type { Principal } from '@deltastream/auth/principal';
import { authenticateHandshake, credentialHolds } from './auth';
import {
  exceedsSubscriptionLimit,
  parseSubscription,
  roomOf,
  type ClientError,
  type Subscription,
} from './client-events';
import { SlowClientConflation, type ConflatableSocket } from './conflation';
import { atExpiry } from './expiry-timer';
import { parseMarketEvent, type MarketEvent } from './market-events';
import { createRecoverableRedisAdapter } from './recoverable-redis-adapter';

export interface RealtimeDeps {
  /** Command connection: cache reads and the health check. */
  redis: Redis;
  /** The Socket.IO adapter's connections (cross-pod operations). */
  pubClient: Redis;
  subClient: Redis;
  /** Pub/sub connection of this pod for the `enriched:*` channels. */
  eventSubscriber: Redis;
  /** Who an API token belongs to, and news of revoked ones (this pod's own lookup). */
  apiTokens: ApiTokenLookup;
  products: readonly Product[];
  authSecret: string;
  publicMarketData: boolean;
  maxSubscriptionsPerClient: number;
  maxBufferedMessages: number;
  logger: Logger;
  registry: Registry;
  now?: () => Date;
}

export interface RealtimeServer {
  /** Subscribes to the enriched channels, then listens; resolves with the port actually bound. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  io: Server;
}

/** Socket.IO protocol's reconnection window; the sessions are kept in the pod's memory (see the adapter). */
const MAX_DISCONNECTION_DURATION_MS = 30_000;
const HEALTH_TIMEOUT_MS = 1_000;

const TOKEN_REVOKED: ClientError = { code: 'TOKEN_REVOKED', message: 'the API token was revoked' };
const TOKEN_EXPIRED: ClientError = {
  code: 'TOKEN_EXPIRED',
  message: 'the token expired; connect again with a fresh one',
};

/** Set by the handshake middleware on every connection, recovered ones included. */
const principalOf = (socket: Socket): Principal => socket.data.principal as Principal;

export function createRealtimeServer(deps: RealtimeDeps): RealtimeServer {
  const { redis, eventSubscriber, apiTokens, logger, registry, now = () => new Date() } = deps;
  const handshakeAuth = {
    authSecret: deps.authSecret,
    apiTokens,
    publicMarketData: deps.publicMarketData,
    now,
  };
  const symbols = new Set(deps.products.map((p) => p.symbol));
  const productList = deps.products.map(({ symbol, name, exchange, currency, strike_step, lot_size }) => ({
    symbol,
    name,
    exchange,
    currency,
    strike_step,
    lot_size,
  }));

  const httpServer = createServer((req, res) => void serveOps(req, res));
  const io = new Server(httpServer, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    cors: { origin: true, credentials: true },
    // A recovered connection is authenticated again like any other, and its session is restored only
    // while the credential it was opened with still holds.
    connectionStateRecovery: {
      maxDisconnectionDuration: MAX_DISCONNECTION_DURATION_MS,
      skipMiddlewares: false,
    },
    adapter: createRecoverableRedisAdapter(deps.pubClient, deps.subClient, (data) =>
      credentialHolds((data as { principal: Principal }).principal, handshakeAuth),
    ),
  });
  const nsp = io.of('/');

  const metrics = createRealtimeMetrics(registry, {
    connectedClients: () => nsp.sockets.size,
    rooms: () => {
      let rooms = 0;
      for (const room of nsp.adapter.rooms.keys()) if (!nsp.adapter.sids.has(room)) rooms += 1;
      return rooms;
    },
  });
  const conflation = new SlowClientConflation(deps.maxBufferedMessages, (event) =>
    metrics.messagesSent.inc({ event }),
  );

  /** `/health`, `/ready`, `/metrics` on the Socket.IO server's port (Socket.IO takes its own path first). */
  async function serveOps(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/metrics') {
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType }).end(body);
      } else if (path === '/health' || path === '/ready') {
        const ok = await redisAnswersPing(redis, HEALTH_TIMEOUT_MS);
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
      } else {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route ${path}` } }));
      }
    } catch (error) {
      logger.error({ err: error, path }, 'ops request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }));
    }
  }

  io.use((socket, next) => {
    authenticateHandshake(socket.handshake, handshakeAuth).then(
      (result) => {
        if (!result.ok) return next(new Error(`unauthorized: ${result.reason}`));
        socket.data.principal = result.principal;
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'authentication failed');
        next(new Error('unauthorized: authentication is unavailable, try again'));
      },
    );
  });

  /**
   * One emit per event per pod, to this pod's sockets only (`io.local`): every pod receives every
   * event from Redis, so a cluster-wide emit would deliver it once per pod. Sockets whose outgoing
   * buffer is backed up are excluded and get the event through the conflation instead.
   */
  function deliver(rooms: string[], event: string, key: string, payload: unknown): void {
    const members = new Set<string>();
    for (const room of rooms) nsp.adapter.rooms.get(room)?.forEach((id) => members.add(id));
    if (members.size === 0) return;
    const held: string[] = [];
    for (const id of members) {
      const socket = nsp.sockets.get(id) as ConflatableSocket | undefined;
      if (socket && conflation.isBackedUp(socket)) {
        conflation.hold(socket, key, event, payload);
        held.push(id);
      }
    }
    const direct = members.size - held.length;
    if (direct === 0) return;
    const target = held.length > 0 ? io.local.to(rooms).except(held) : io.local.to(rooms);
    target.emit(event, payload);
    metrics.messagesSent.inc({ event }, direct);
  }

  function observeLatency(processedAt: string): void {
    const latencySeconds = (now().getTime() - Date.parse(processedAt)) / 1000;
    if (Number.isFinite(latencySeconds)) metrics.sendLatency.observe(Math.max(0, latencySeconds));
  }

  function onMarketEvent(event: MarketEvent): void {
    if (event.kind === 'underlying') {
      // One emit to both rooms: a client in `general` and `product:X` gets the tick once.
      deliver(
        [ROOMS.product(event.product), ROOMS.general],
        'underlying_update',
        `underlying_update|${event.product}`,
        event.payload,
      );
    } else {
      const key = `${event.product}|${event.expiry}`;
      // The small summary to everyone first: the full chain to its subscribers is large to write.
      deliver([ROOMS.general], 'chain_summary', `chain_summary|${key}`, toChainSummary(event.payload));
      deliver([ROOMS.chain(event.product)], 'chain_update', `chain_update|${key}`, event.payload);
    }
    observeLatency(event.payload.processed_at);
  }

  const eventChannels = new Map([
    [channelName(eventSubscriber, CHANNELS.enrichedUnderlying), 'underlying' as const],
    [channelName(eventSubscriber, CHANNELS.enrichedChain), 'chain' as const],
  ]);
  const onRedisMessage = (channel: string, message: string): void => {
    const kind = eventChannels.get(channel);
    if (kind === undefined) return;
    const parsed = parseMarketEvent(kind, message, symbols);
    if (!parsed.ok) {
      logger.warn({ channel, reason: parsed.reason }, 'dropped a malformed event');
      return;
    }
    try {
      onMarketEvent(parsed.event);
    } catch (error) {
      logger.error({ err: error, channel, product: parsed.event.product }, 'fan-out failed');
    }
  };

  async function sendSnapshot(socket: Socket, { type, symbol }: Subscription): Promise<void> {
    if (type === 'product') {
      const tick = await getLatestUnderlying(redis, symbol);
      if (tick) {
        socket.emit('underlying_update', tick);
        metrics.messagesSent.inc({ event: 'underlying_update' });
      }
      return;
    }
    const today = now().toISOString().slice(0, 10);
    for (const chain of await getLatestChains(redis, symbol, today)) {
      socket.emit('chain_update', chain);
      metrics.messagesSent.inc({ event: 'chain_update' });
    }
  }

  /** Tells the client why, then closes the connection (a close by the server is never recovered). */
  function dropSocket(socket: Socket, error: ClientError): void {
    socket.emit('error', error);
    metrics.messagesSent.inc({ event: 'error' });
    socket.disconnect(true);
  }

  /** This pod's sockets opened with the API token of this hash. */
  function socketsOfApiToken(tokenHash: string): Socket[] {
    return [...nsp.sockets.values()].filter((socket) => {
      const principal = principalOf(socket);
      return principal.kind === 'user' && principal.via === 'api-token' && principal.tokenHash === tokenHash;
    });
  }

  /** After revocations may have been missed: every API token with a socket here is looked up again. */
  async function recheckApiTokens(): Promise<void> {
    const hashes = new Set<string>();
    for (const socket of nsp.sockets.values()) {
      const principal = principalOf(socket);
      if (principal.kind === 'user' && principal.via === 'api-token') hashes.add(principal.tokenHash);
    }
    for (const tokenHash of hashes) {
      if ((await apiTokens.find(tokenHash)) === null) {
        for (const socket of socketsOfApiToken(tokenHash)) dropSocket(socket, TOKEN_REVOKED);
      }
    }
  }

  // Every pod hears every revocation and closes its own sockets of that token.
  const stopFollowingRevocations = apiTokens.follow({
    revoked(tokenHash) {
      for (const socket of socketsOfApiToken(tokenHash)) dropSocket(socket, TOKEN_REVOKED);
    },
    subscribed() {
      recheckApiTokens().catch((error: unknown) =>
        logger.error({ err: error }, 'could not check the API tokens of open sockets'),
      );
    },
  });

  io.on('connection', (socket) => {
    const principal = principalOf(socket);
    const log = logger.child({ socketId: socket.id });
    // A recovered socket has its rooms back already.
    if (!socket.recovered) void socket.join(ROOMS.general);
    socket.emit('connected', {
      message: 'Connected to DeltaStream gateway',
      client_id: socket.id,
      user: principal.kind === 'user' ? principal.email : null,
    });

    const reply = (event: string, body: unknown, ack: ((body: unknown) => void) | undefined) => {
      socket.emit(event, body);
      metrics.messagesSent.inc({ event });
      ack?.(body);
    };
    const replyError = (error: ClientError, ack: ((body: unknown) => void) | undefined) =>
      reply('error', error, ack);

    /** Socket.IO passes the client's ack callback as the last argument, if it sent one. */
    const handle =
      (
        name: string,
        handler: (payload: unknown, ack: ((body: unknown) => void) | undefined) => Promise<void>,
      ) =>
      (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === 'function' ? (last as (body: unknown) => void) : undefined;
        const payload = ack ? args.slice(0, -1)[0] : args[0];
        handler(payload, ack).catch((error: unknown) =>
          log.error({ err: error, event: name }, 'client event failed'),
        );
      };

    socket.on(
      'subscribe',
      handle('subscribe', async (payload, ack) => {
        const parsed = parseSubscription(payload, symbols);
        if (!parsed.ok) return replyError(parsed.error, ack);
        const room = roomOf(parsed.subscription);
        if (exceedsSubscriptionLimit(socket.rooms, room, deps.maxSubscriptionsPerClient)) {
          return replyError(
            {
              code: 'TOO_MANY_SUBSCRIPTIONS',
              message: `at most ${deps.maxSubscriptionsPerClient} subscriptions per connection`,
            },
            ack,
          );
        }
        // Join before reading the cache: an update published meanwhile arrives (perhaps before the
        // snapshot) rather than falling in a gap between the two.
        await socket.join(room);
        reply('subscribed', parsed.subscription, ack);
        await sendSnapshot(socket, parsed.subscription);
      }),
    );
    socket.on(
      'unsubscribe',
      handle('unsubscribe', async (payload, ack) => {
        const parsed = parseSubscription(payload, symbols);
        if (!parsed.ok) return replyError(parsed.error, ack);
        await socket.leave(roomOf(parsed.subscription));
        reply('unsubscribed', parsed.subscription, ack);
      }),
    );
    socket.on(
      'get_products',
      handle('get_products', async (_payload, ack) => reply('products', productList, ack)),
    );
    socket.on('disconnect', () => conflation.forget(socket.id));
    if (principal.kind === 'user' && principal.expiresAt !== null) {
      socket.on(
        'disconnect',
        atExpiry(principal.expiresAt, now, () => dropSocket(socket, TOKEN_EXPIRED)),
      );
    }
  });

  return {
    io,
    async listen(port) {
      eventSubscriber.on('message', onRedisMessage);
      await eventSubscriber.subscribe(...eventChannels.keys());
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      return (httpServer.address() as AddressInfo).port;
    },
    async close() {
      stopFollowingRevocations();
      eventSubscriber.off('message', onRedisMessage);
      if (eventSubscriber.status === 'ready') {
        await eventSubscriber.unsubscribe(...eventChannels.keys()).catch(() => {});
      }
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
