/** The part of a Socket.IO socket the conflation needs (a fake one in unit tests). */
export interface ConflatableSocket {
  readonly id: string;
  readonly connected: boolean;
  readonly conn: {
    readonly writeBuffer: readonly unknown[];
    once(event: 'drain', listener: () => void): unknown;
  };
  emit(event: string, payload: unknown): boolean;
}

interface PendingMessage {
  event: string;
  payload: unknown;
}

/**
 * Per-socket conflation for slow clients. While a socket's outgoing buffer holds more than
 * `maxBufferedMessages`, or it already has messages held back, new messages for it are not queued:
 * only the latest per `key` (event, product, expiry) is kept, and everything held is sent when the
 * socket's transport drains. A slow client thus sees the newest state with bounded memory instead of
 * an ever-growing backlog; a fast client is untouched.
 */
export class SlowClientConflation {
  private readonly pending = new Map<string, Map<string, PendingMessage>>();

  constructor(
    private readonly maxBufferedMessages: number,
    private readonly onFlushed: (event: string) => void = () => {},
  ) {}

  /** Whether messages for `socket` must go through `hold` rather than the broadcast. */
  isBackedUp(socket: ConflatableSocket): boolean {
    return this.pending.has(socket.id) || socket.conn.writeBuffer.length > this.maxBufferedMessages;
  }

  /** Keeps `payload` as the latest message of `key` for `socket`, replacing an older one. */
  hold(socket: ConflatableSocket, key: string, event: string, payload: unknown): void {
    let messages = this.pending.get(socket.id);
    if (!messages) {
      messages = new Map();
      this.pending.set(socket.id, messages);
      socket.conn.once('drain', () => this.flush(socket));
    }
    // Deleting first moves the key to the end: messages go out in the order of their latest update.
    messages.delete(key);
    messages.set(key, { event, payload });
  }

  /** Messages currently held for a socket (for metrics and tests). */
  heldFor(socketId: string): number {
    return this.pending.get(socketId)?.size ?? 0;
  }

  forget(socketId: string): void {
    this.pending.delete(socketId);
  }

  private flush(socket: ConflatableSocket): void {
    const messages = this.pending.get(socket.id);
    this.pending.delete(socket.id);
    if (!messages || !socket.connected) return;
    for (const { event, payload } of messages.values()) {
      socket.emit(event, payload);
      this.onFlushed(event);
    }
  }
}
