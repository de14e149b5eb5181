import { randomBytes } from 'node:crypto';
import { RedisAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { channelName } from '@deltastream/bus/redis';

type BroadcastOptions = Parameters<RedisAdapter['broadcast']>[1];
type SessionToPersist = Parameters<RedisAdapter['persistSession']>[0];
type Session = NonNullable<Awaited<ReturnType<RedisAdapter['restoreSession']>>>;
type Namespace = ConstructorParameters<typeof RedisAdapter>[0];

interface StoredPacket {
  id: string;
  opts: BroadcastOptions;
  data: unknown[];
  emittedAt: number;
}

/** Socket.IO's packet type for an event (socket.io-parser PacketType.EVENT). */
const EVENT_PACKET = 2;
/** Packets live at most this much longer than `maxDisconnectionDuration` (they hold whole chains). */
const SWEEP_INTERVAL_MS = 5_000;

function includes(sessionRooms: string[], opts: BroadcastOptions): boolean {
  const included = opts.rooms.size === 0 || sessionRooms.some((room) => opts.rooms.has(room));
  return included && sessionRooms.every((room) => !opts.except?.has(room));
}

/**
 * The Redis adapter plus connection state recovery, for the namespace that offers it
 * (RECOVERABLE_NAMESPACE). `@socket.io/redis-adapter` 8 does not implement recovery (its README:
 * "Connection state recovery: NO"); this adds what socket.io-adapter's `SessionAwareAdapter` does for
 * the in-memory adapter: sessions of disconnected sockets and the packets broadcast since are kept in
 * this pod's memory for `maxDisconnectionDuration`. Other namespaces keep no sessions and their events
 * carry no offset: Socket.IO's recovery option is server-wide, but which clients get the offset
 * argument is decided here, per namespace.
 *
 * Every broadcast is local to this pod. The gateway emits every market update with `io.local` (each pod
 * hears every event from Redis), and a socket's own emits — which Socket.IO routes through the adapter
 * whenever recovery is on — are for a socket of this pod. A cross-pod broadcast would go out through
 * `pubClient.publish`, whose rejection during a Redis outage the adapter does not catch: the process
 * would die of it.
 *
 * The packets a pod stores are therefore exactly the ones its own clients were sent. Recovery works
 * when a client reconnects to the same pod (sticky sessions at the ingress); on another pod it finds no
 * session and connects afresh (`recovered === false`), and resubscribing sends it the cached snapshot.
 *
 * `canRestore` vets a session before anything of it is sent: Socket.IO writes the missed packets while
 * it creates the socket, before the middlewares (which authenticate the reconnecting client again) run,
 * so a session whose credential no longer holds must not be restored at all.
 */
export class RecoverableRedisAdapter extends RedisAdapter {
  private readonly sessions = new Map<string, SessionToPersist & { disconnectedAt: number }>();
  private packets: StoredPacket[] = [];
  private readonly maxDisconnectionDurationMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly offsetPrefix = randomBytes(4).toString('hex');
  private nextOffset = 0;

  constructor(
    nsp: Namespace,
    pubClient: Redis,
    subClient: Redis,
    recoverable: boolean,
    private readonly canRestore: (data: unknown) => Promise<boolean>,
  ) {
    // The adapter's channels live in the deployment's namespace too, so gateways of another deployment
    // (or a test run) on the same Redis never take part in this one's cross-pod operations.
    super(nsp, pubClient, subClient, { key: channelName(pubClient, 'socket.io') });
    const recovery = (
      nsp as { server: { opts: { connectionStateRecovery?: { maxDisconnectionDuration?: number } } } }
    ).server.opts.connectionStateRecovery;
    this.maxDisconnectionDurationMs = recoverable ? (recovery?.maxDisconnectionDuration ?? 0) : 0;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /**
   * Whether a kept session is in one of `rooms`: an event for them must still be broadcast (and so
   * stored) when no connected socket is, or the client would come back without it.
   */
  awaitsRecovery(rooms: readonly string[]): boolean {
    for (const session of this.sessions.values()) {
      if (session.rooms.some((room) => rooms.includes(room))) return true;
    }
    return false;
  }

  override persistSession(session: SessionToPersist): void {
    if (this.maxDisconnectionDurationMs <= 0) return;
    this.sessions.set(session.pid, { ...session, disconnectedAt: Date.now() });
  }

  override async restoreSession(pid: string, offset: string): Promise<Session> {
    const session = this.sessions.get(pid);
    this.sessions.delete(pid);
    const expired = !session || session.disconnectedAt + this.maxDisconnectionDurationMs < Date.now();
    // The base class's declared type has no null, but socket.io treats a null session as "not recoverable".
    if (!session || expired || !(await this.canRestore(session.data))) return null as unknown as Session;
    const index = this.packets.findIndex((packet) => packet.id === offset);
    if (index === -1) return null as unknown as Session;
    const missedPackets = this.packets
      .slice(index + 1)
      .filter((packet) => includes(session.rooms, packet.opts))
      .map((packet) => packet.data);
    return { ...session, missedPackets } as Session;
  }

  override broadcast(packet: { type: number; id?: number; data: unknown[] }, opts: BroadcastOptions): void {
    const recordable =
      this.maxDisconnectionDurationMs > 0 &&
      packet.type === EVENT_PACKET &&
      packet.id === undefined &&
      opts.flags?.volatile === undefined;
    if (recordable) {
      const id = `${this.offsetPrefix}${(this.nextOffset++).toString(36)}`;
      // Socket.IO's convention: the offset travels as the event's last argument; the client sends the
      // last one it processed back when it reconnects.
      packet.data.push(id);
      this.packets.push({ id, opts, data: packet.data, emittedAt: Date.now() });
    }
    super.broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
  }

  override close(): Promise<void> | void {
    clearInterval(this.sweeper);
    return super.close();
  }

  private sweep(): void {
    const threshold = Date.now() - this.maxDisconnectionDurationMs;
    for (const [pid, session] of this.sessions)
      if (session.disconnectedAt < threshold) this.sessions.delete(pid);
    const firstFresh = this.packets.findIndex((packet) => packet.emittedAt >= threshold);
    this.packets = firstFresh === -1 ? [] : this.packets.slice(firstFresh);
  }
}

/**
 * The adapter of every namespace, recovering sessions in `recoverableNamespace` only. Socket.IO calls
 * the factory with `new`, so it must be a function, not an arrow.
 */
export function createRecoverableRedisAdapter(
  pubClient: Redis,
  subClient: Redis,
  recoverableNamespace: string,
  canRestore: (data: unknown) => Promise<boolean>,
) {
  return function recoverableRedisAdapter(nsp: Namespace) {
    return new RecoverableRedisAdapter(
      nsp,
      pubClient,
      subClient,
      nsp.name === recoverableNamespace,
      canRestore,
    );
  };
}
