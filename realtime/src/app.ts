import { channelName, redisAnswersPing } from '@deltastream/bus/redis';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { Server, type Namespace, type Socket } from 'socket.io';
import { getCachedExpiries, getLatestChain, getLatestUnderlying } from '@deltastream/bus/cache';
import { ROOMS } from '@deltastream/bus/rooms';
import { CHANNELS } from '@deltastream/bus/channels';
import type { Logger } from '@deltastream/bus/logger';
import { createRealtimeMetrics } from '@deltastream/bus/realtime-metrics';
import { NearestExpiries, zonedDate } from '@deltastream/core/calendar';
import type { AlertNotification } from '@deltastream/core/alerts';
import { ProductListingSchema, toChainSummary, type Product } from '@deltastream/core/schemas';
import {
  CLIENT_EVENTS,
  RECOVERABLE_NAMESPACE,
  SERVER_EVENTS,
  type ClientError,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type Subscription,
} from '@deltastream/core/socket';
import type { ApiTokenLookup } from '@deltastream/auth/api-token-lookup';
import type { Principal } from '@deltastream/auth/principal';
import { authenticateHandshake, credentialHolds } from './auth';
import { ClientEventLimit, type ClientEventLimitOptions } from './client-event-limit';
import { exceedsSubscriptionLimit, parseSubscription, roomOf, subscriptionReply } from './client-events';
import { SlowClientConflation, type ConflatableSocket } from './conflation';
import { atExpiry } from './expiry-timer';
import { parseMarketEvent, type MarketEvent } from './market-events';
import { originAllowed } from './origin-policy';
import { createRecoverableRedisAdapter, RecoverableRedisAdapter } from './recoverable-redis-adapter';
import { isUserRoom, parseAlertNotification, strayUserRooms, userRoomOf } from './user-room';

export interface RealtimeDeps {
  /** Command connection: cache reads and the readiness check. */
  redis: Redis;
  /** The Socket.IO adapter's connections (cross-pod operations). */
  pubClient: Redis;
  subClient: Redis;
  /** Pub/sub connection of this pod for the `enriched:*` channels and `alerts:fired`. */
  eventSubscriber: Redis;
  /** Who an API token belongs to, and news of revoked ones (this pod's own lookup). */
  apiTokens: ApiTokenLookup;
  products: readonly Product[];
  authSecret: string;
  publicMarketData: boolean;
  maxSubscriptionsPerClient: number;
  maxBufferedMessages: number;
  /** Browser origins whose pages may connect, besides the gateway's own. */
  corsOrigins: readonly string[];
  /** The largest message a client may send; a larger one closes its connection. */
  maxMessageBytes: number;
  clientEventLimit: ClientEventLimitOptions;
  logger: Logger;
  registry: Registry;
  now?: () => Date;
}

export interface RealtimeServer {
  /** Subscribes to the enriched channels, then listens; resolves with the port actually bound. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  io: GatewayServer;
}

interface SocketData {
  /** Set by the handshake middleware on every connection, recovered ones included. */
  principal: Principal;
}
type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GatewayNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Ack = (body: unknown) => void;

/** Socket.IO protocol's reconnection window; the sessions are kept in the pod's memory (see the adapter). */
const MAX_DISCONNECTION_DURATION_MS = 30_000;
const READINESS_TIMEOUT_MS = 1_000;

const TOKEN_REVOKED: ClientError = { code: 'TOKEN_REVOKED', message: 'the API token was revoked' };
const TOKEN_EXPIRED: ClientError = {
  code: 'TOKEN_EXPIRED',
  message: 'the token expired; connect again with a fresh one',
};
const SNAPSHOT_UNAVAILABLE: ClientError = {
  code: 'SNAPSHOT_UNAVAILABLE',
  message: 'subscribed, but the latest data cannot be read now; live updates follow as they come',
};

export function createRealtimeServer(deps: RealtimeDeps): RealtimeServer {
  const { redis, eventSubscriber, apiTokens, logger, registry, now = () => new Date() } = deps;
  const handshakeAuth = {
    authSecret: deps.authSecret,
    apiTokens,
    publicMarketData: deps.publicMarketData,
    now,
  };
  const productsBySymbol = new Map(deps.products.map((product) => [product.symbol, product]));
  const symbols = new Set(productsBySymbol.keys());
  const productList = {
    products: deps.products.map((product) => product.symbol),
    // The listing's schema keeps its own fields of each catalogue entry and drops the rest.
    catalogue: deps.products.map((product) => ProductListingSchema.parse(product)),
  };
  const nearestExpiries = new NearestExpiries(productsBySymbol);
  const allowedOrigins = new Set(deps.corsOrigins);
  const rateLimited: ClientError = {
    code: 'RATE_LIMITED',
    message: `at most ${deps.clientEventLimit.eventsPerSecond} events a second (${deps.clientEventLimit.burst} at once); this one was dropped`,
  };
  const rateLimitedToTheEnd: ClientError = {
    code: 'RATE_LIMITED',
    message: 'too many events over the limit: the connection is closed',
  };

  const httpServer = createServer((req, res) => void serveOps(req, res));
  const io: GatewayServer = new Server(httpServer, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    // Long-polling's CORS headers; WebSocket handshakes are checked by allowRequest (browsers apply no
    // CORS to them). No credentials: the token travels in the handshake, never in a cookie.
    cors: { origin: [...allowedOrigins] },
    allowRequest: (req, callback) => {
      const allowed = originAllowed(req.headers.origin, req.headers.host, allowedOrigins);
      callback(allowed ? null : 'origin not allowed', allowed);
    },
    maxHttpBufferSize: deps.maxMessageBytes,
    // Offered in RECOVERABLE_NAMESPACE only (see the adapter). A recovered connection is authenticated
    // again like any other, and its session is restored only while its credential still holds.
    connectionStateRecovery: {
      maxDisconnectionDuration: MAX_DISCONNECTION_DURATION_MS,
      skipMiddlewares: false,
    },
    adapter: createRecoverableRedisAdapter(deps.pubClient, deps.subClient, RECOVERABLE_NAMESPACE, (data) =>
      credentialHolds((data as SocketData).principal, handshakeAuth),
    ),
  });
  /** `/` sends each event as the original did; RECOVERABLE_NAMESPACE adds recovery's offset. */
  const namespaces: GatewayNamespace[] = [io.of('/'), io.of(RECOVERABLE_NAMESPACE)];
  const allSockets = () => namespaces.flatMap((nsp) => [...nsp.sockets.values()]);

  const metrics = createRealtimeMetrics(registry, {
    connectedClients: () => namespaces.reduce((n, nsp) => n + nsp.sockets.size, 0),
    rooms: () => {
      let rooms = 0;
      for (const nsp of namespaces)
        for (const room of nsp.adapter.rooms.keys()) if (!nsp.adapter.sids.has(room)) rooms += 1;
      return rooms;
    },
  });
  const conflation = new SlowClientConflation(deps.maxBufferedMessages, (event) =>
    metrics.messagesSent.inc({ event }),
  );

  let listening = false;
  /** Whether the enriched channels are subscribed on the current connection of `eventSubscriber`. */
  let followingMarketEvents = false;

  /**
   * Ready when the gateway can do its job: read the cache (snapshots) and hear market events. Liveness
   * (`/health`) asks nothing of Redis: an outage makes the pod unready, never restarts it.
   */
  async function ready(): Promise<boolean> {
    return (
      listening &&
      followingMarketEvents &&
      eventSubscriber.status === 'ready' &&
      (await redisAnswersPing(redis, READINESS_TIMEOUT_MS))
    );
  }

  /** `/health`, `/ready`, `/metrics` on the Socket.IO server's port (Socket.IO takes its own path first). */
  async function serveOps(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    try {
      if (path === '/metrics') {
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType }).end(body);
      } else if (path === '/health') {
        json(200, { status: 'ok' });
      } else if (path === '/ready') {
        const ok = await ready();
        json(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
      } else {
        json(404, { error: { code: 'NOT_FOUND', message: `no route ${path}` } });
      }
    } catch (error) {
      logger.error({ err: error, path }, 'ops request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error' } }));
    }
  }

  const authenticateSocket = (socket: GatewaySocket, next: (error?: Error) => void) => {
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
  };

  type MarketUpdates = Pick<
    ServerToClientEvents,
    | typeof SERVER_EVENTS.underlyingUpdate
    | typeof SERVER_EVENTS.chainSummary
    | typeof SERVER_EVENTS.chainUpdate
  >;

  /**
   * One emit per event per namespace, to this pod's sockets only (`local`): every pod receives every
   * event from Redis, so a cluster-wide emit would deliver it once per pod. Emitting to several rooms at
   * once reaches a socket in more than one of them once. Sockets whose outgoing buffer is backed up are
   * excluded and get the event through the conflation instead. Rooms with no socket connected are
   * skipped, unless a session awaiting recovery is in one of them.
   */
  function deliver<E extends keyof MarketUpdates>(
    rooms: string[],
    event: E,
    key: string,
    payload: Parameters<MarketUpdates[E]>[0],
  ): void {
    for (const nsp of namespaces) {
      const members = new Set<string>();
      for (const room of rooms) nsp.adapter.rooms.get(room)?.forEach((id) => members.add(id));
      const awaited = nsp.adapter instanceof RecoverableRedisAdapter && nsp.adapter.awaitsRecovery(rooms);
      if (members.size === 0 && !awaited) continue;
      const held: string[] = [];
      for (const id of members) {
        const socket = nsp.sockets.get(id) as ConflatableSocket | undefined;
        if (socket && conflation.isBackedUp(socket)) {
          conflation.hold(socket, key, event, payload);
          held.push(id);
        }
      }
      const direct = members.size - held.length;
      if (direct === 0 && !awaited) continue;
      const target = held.length > 0 ? nsp.local.to(rooms).except(held) : nsp.local.to(rooms);
      (target.emit as (event: E, payload: Parameters<MarketUpdates[E]>[0]) => boolean)(event, payload);
      metrics.messagesSent.inc({ event }, direct);
    }
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
        SERVER_EVENTS.underlyingUpdate,
        `underlying|${event.product}`,
        event.payload,
      );
    } else {
      const { product, expiry, payload } = event;
      const expiryRoom = ROOMS.chainExpiry(product, expiry);
      if (nearestExpiries.isNearest(product, expiry, Date.parse(payload.timestamp))) {
        // `general` gets one product-level summary, the nearest expiry's, as the original's single
        // chain did; the small summary first, the full chain to its subscribers is large to write.
        deliver([ROOMS.general], SERVER_EVENTS.chainSummary, `summary|${product}`, toChainSummary(payload));
        deliver(
          [ROOMS.chain(product), expiryRoom],
          SERVER_EVENTS.chainUpdate,
          `chain|${product}|${expiry}`,
          payload,
        );
      } else {
        deliver([expiryRoom], SERVER_EVENTS.chainUpdate, `chain|${product}|${expiry}`, payload);
      }
    }
    observeLatency(event.payload.processed_at);
  }

  /**
   * An alert to its owner's sockets on this pod, in each namespace: every pod hears every firing on
   * `alerts:fired`, as it hears market events, and sends it to its own sockets in `user:{id}` (the
   * adapter keeps every broadcast local, see recoverable-redis-adapter.ts), so each of the user's sockets
   * gets it once however many pods run. Never conflated: each firing is its own message. A session of the
   * user awaiting recovery gets it stored, and replayed when the tab comes back.
   */
  function onAlertNotification({ user_id, alert }: AlertNotification): void {
    const room = ROOMS.user(user_id);
    for (const nsp of namespaces) {
      const members = nsp.adapter.rooms.get(room)?.size ?? 0;
      const awaited = nsp.adapter instanceof RecoverableRedisAdapter && nsp.adapter.awaitsRecovery([room]);
      if (members === 0 && !awaited) continue;
      nsp.local.to(room).emit(SERVER_EVENTS.alert, alert);
      metrics.messagesSent.inc({ event: SERVER_EVENTS.alert }, members);
    }
  }

  const eventChannels = new Map([
    [channelName(eventSubscriber, CHANNELS.enrichedUnderlying), 'underlying' as const],
    [channelName(eventSubscriber, CHANNELS.enrichedChain), 'chain' as const],
    [channelName(eventSubscriber, CHANNELS.alertFired), 'alert' as const],
  ]);

  /** A delivery that throws is logged: it must not stop the subscriber from handling the next message. */
  function deliverLogged(channel: string, failure: string, bindings: object, deliver: () => void): void {
    try {
      deliver();
    } catch (error) {
      logger.error({ err: error, channel, ...bindings }, failure);
    }
  }

  const onRedisMessage = (channel: string, message: string): void => {
    const kind = eventChannels.get(channel);
    if (kind === undefined) return;
    if (kind === 'alert') {
      const parsed = parseAlertNotification(message);
      if (!parsed.ok) {
        logger.warn({ channel, reason: parsed.reason }, 'dropped a malformed alert notification');
        return;
      }
      deliverLogged(channel, 'alert delivery failed', {}, () => onAlertNotification(parsed.notification));
      return;
    }
    const parsed = parseMarketEvent(kind, message, symbols);
    if (!parsed.ok) {
      logger.warn({ channel, reason: parsed.reason }, 'dropped a malformed event');
      return;
    }
    deliverLogged(channel, 'fan-out failed', { product: parsed.event.product }, () =>
      onMarketEvent(parsed.event),
    );
  };

  async function followMarketEvents(): Promise<void> {
    await eventSubscriber.subscribe(...eventChannels.keys());
    followingMarketEvents = true;
  }
  // After an outage the connection comes back without its subscriptions: subscribe again (SUBSCRIBE to
  // a channel already subscribed is a no-op, so ioredis' own resubscription does no harm).
  const onSubscriberReady = () => {
    if (!listening) return;
    followMarketEvents().catch((error: unknown) =>
      logger.error({ err: error }, 'could not subscribe to the market events'),
    );
  };
  const onSubscriberClosed = () => {
    followingMarketEvents = false;
  };

  /** Expiries with a cached chain, so the nearest is known before the first chain is heard. */
  async function learnCachedExpiries(symbol: string): Promise<void> {
    const product = productsBySymbol.get(symbol);
    if (!product) return;
    const nowMs = now().getTime();
    nearestExpiries.note(
      symbol,
      await getCachedExpiries(redis, symbol, zonedDate(nowMs, product.time_zone)),
      nowMs,
    );
  }

  /**
   * The cached latest data of a subscription, or an error when Redis cannot be read: nothing is sent
   * as current that the cache has not just confirmed.
   */
  async function sendSnapshot(socket: GatewaySocket, { type, symbol, expiry }: Subscription): Promise<void> {
    try {
      if (redis.status !== 'ready') throw new Error(`redis is ${redis.status}`);
      if (type === 'product') {
        const tick = await getLatestUnderlying(redis, symbol);
        if (tick) {
          socket.emit(SERVER_EVENTS.underlyingUpdate, tick);
          metrics.messagesSent.inc({ event: SERVER_EVENTS.underlyingUpdate });
        }
        return;
      }
      let followed = expiry;
      if (followed === undefined) {
        await learnCachedExpiries(symbol);
        followed = nearestExpiries.nearest(symbol, now().getTime());
      }
      const chain = followed === undefined ? null : await getLatestChain(redis, symbol, followed);
      if (chain) {
        socket.emit(SERVER_EVENTS.chainUpdate, chain);
        metrics.messagesSent.inc({ event: SERVER_EVENTS.chainUpdate });
      }
    } catch (error) {
      logger.warn({ err: error, socketId: socket.id, symbol }, 'snapshot unavailable');
      socket.emit(SERVER_EVENTS.error, SNAPSHOT_UNAVAILABLE);
      metrics.messagesSent.inc({ event: SERVER_EVENTS.error });
    }
  }

  /** Tells the client why, then closes the connection (a close by the server is never recovered). */
  function dropSocket(socket: GatewaySocket, error: ClientError): void {
    socket.emit(SERVER_EVENTS.error, error);
    metrics.messagesSent.inc({ event: SERVER_EVENTS.error });
    socket.disconnect(true);
  }

  /** This pod's sockets opened with the API token of this hash. */
  function socketsOfApiToken(tokenHash: string): GatewaySocket[] {
    return allSockets().filter(({ data: { principal } }) => {
      return principal.kind === 'user' && principal.via === 'api-token' && principal.tokenHash === tokenHash;
    });
  }

  /** After revocations may have been missed: every API token with a socket here is looked up again. */
  async function recheckApiTokens(): Promise<void> {
    const hashes = new Set<string>();
    for (const { data } of allSockets()) {
      if (data.principal.kind === 'user' && data.principal.via === 'api-token')
        hashes.add(data.principal.tokenHash);
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

  function onConnection(socket: GatewaySocket): void {
    const { principal } = socket.data;
    const log = logger.child({ socketId: socket.id, namespace: socket.nsp.name });
    // A recovered socket has its rooms back already.
    if (!socket.recovered) void socket.join(ROOMS.general);
    // The user's own room, from the principal just authenticated (a recovered session included), and
    // no other user's: alerts are sent there.
    for (const stray of strayUserRooms(socket.rooms, principal)) void socket.leave(stray);
    const userRoom = userRoomOf(principal);
    if (userRoom !== null) void socket.join(userRoom);
    socket.emit(SERVER_EVENTS.connected, {
      message: 'Connected to DeltaStream gateway',
      client_id: socket.id,
      // The rooms the client asked for, as the original listed them; the user room is the gateway's own.
      rooms: [...socket.rooms].filter((room) => room !== socket.id && !isUserRoom(room)),
      user: principal.kind === 'user' ? principal.email : null,
    });
    metrics.messagesSent.inc({ event: SERVER_EVENTS.connected });

    const reply = <E extends keyof ServerToClientEvents>(
      event: E,
      body: Parameters<ServerToClientEvents[E]>[0],
      ack: Ack | undefined,
    ) => {
      (socket.emit as (event: E, body: Parameters<ServerToClientEvents[E]>[0]) => boolean)(event, body);
      metrics.messagesSent.inc({ event });
      ack?.(body);
    };
    const replyError = (error: ClientError, ack: Ack | undefined) => reply(SERVER_EVENTS.error, error, ack);

    // Every client event spends a token of the socket's bucket, whatever its name.
    const limit = new ClientEventLimit(deps.clientEventLimit, now().getTime());
    socket.use((packet, next) => {
      const verdict = limit.check(now().getTime());
      if (verdict === 'allow') return next();
      const last = packet[packet.length - 1];
      const ack = typeof last === 'function' ? (last as Ack) : undefined;
      if (verdict === 'refuse') return replyError(rateLimited, ack);
      log.warn('closing a connection that kept sending over its rate limit');
      dropSocket(socket, rateLimitedToTheEnd);
    });

    /** Socket.IO passes the client's ack callback as the last argument, if it sent one. */
    const handle =
      (name: string, handler: (payload: unknown, ack: Ack | undefined) => Promise<void>) =>
      (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === 'function' ? (last as Ack) : undefined;
        const payload = ack ? args.slice(0, -1)[0] : args[0];
        handler(payload, ack).catch((error: unknown) =>
          log.error({ err: error, event: name }, 'client event failed'),
        );
      };

    socket.on(
      CLIENT_EVENTS.subscribe,
      handle(CLIENT_EVENTS.subscribe, async (payload, ack) => {
        const parsed = parseSubscription(payload, symbols);
        if (!parsed.ok) return replyError(parsed.error, ack);
        const room = roomOf(parsed.subscription);
        const confirmation = subscriptionReply(parsed.subscription, 'Subscribed to');
        // Already subscribed: confirmed again, but the snapshot is not sent twice.
        if (socket.rooms.has(room)) return reply(SERVER_EVENTS.subscribed, confirmation, ack);
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
        reply(SERVER_EVENTS.subscribed, confirmation, ack);
        await sendSnapshot(socket, parsed.subscription);
      }),
    );
    socket.on(
      CLIENT_EVENTS.unsubscribe,
      handle(CLIENT_EVENTS.unsubscribe, async (payload, ack) => {
        const parsed = parseSubscription(payload, symbols);
        if (!parsed.ok) return replyError(parsed.error, ack);
        await socket.leave(roomOf(parsed.subscription));
        reply(SERVER_EVENTS.unsubscribed, subscriptionReply(parsed.subscription, 'Unsubscribed from'), ack);
      }),
    );
    socket.on(
      CLIENT_EVENTS.getProducts,
      handle(CLIENT_EVENTS.getProducts, async (_payload, ack) =>
        reply(SERVER_EVENTS.products, productList, ack),
      ),
    );
    socket.on('disconnect', () => conflation.forget(socket.id));
    if (principal.kind === 'user' && principal.expiresAt !== null) {
      socket.on(
        'disconnect',
        atExpiry(principal.expiresAt, now, () => dropSocket(socket, TOKEN_EXPIRED)),
      );
    }
  }

  for (const nsp of namespaces) {
    nsp.use(authenticateSocket);
    nsp.on('connection', onConnection);
  }

  return {
    io,
    async listen(port) {
      listening = true;
      eventSubscriber.on('message', onRedisMessage);
      eventSubscriber.on('ready', onSubscriberReady);
      eventSubscriber.on('close', onSubscriberClosed);
      await followMarketEvents();
      await Promise.all(
        deps.products.map(({ symbol }) =>
          learnCachedExpiries(symbol).catch((error: unknown) =>
            logger.warn({ err: error, product: symbol }, 'could not read the cached expiries'),
          ),
        ),
      );
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
      listening = false;
      stopFollowingRevocations();
      eventSubscriber.off('message', onRedisMessage);
      eventSubscriber.off('ready', onSubscriberReady);
      eventSubscriber.off('close', onSubscriberClosed);
      if (eventSubscriber.status === 'ready') {
        await eventSubscriber.unsubscribe(...eventChannels.keys()).catch(() => {});
      }
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
