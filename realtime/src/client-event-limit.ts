export interface ClientEventLimitOptions {
  /** Sustained events per second (the bucket's refill rate). */
  eventsPerSecond: number;
  /** Events allowed at once (the bucket's size); a fresh socket starts with a full bucket. */
  burst: number;
  /** Refused events within REFUSAL_WINDOW_MS after which the socket is to be closed. */
  maxRefused: number;
}

/** How long refused events count against a socket: one that slows down is forgiven after this. */
export const REFUSAL_WINDOW_MS = 60_000;

export type ClientEventVerdict = 'allow' | 'refuse' | 'disconnect';

/**
 * One socket's allowance of client events: a token bucket (capacity `burst`, refilled continuously at
 * `eventsPerSecond`), so a client may subscribe to many rooms at once but not keep sending. An event
 * without a token is refused; a client that goes on sending while refused — `maxRefused` refusals in
 * a window — is to be disconnected. Plain state driven by the caller's clock.
 */
export class ClientEventLimit {
  private tokens: number;
  private refilledAtMs: number;
  private refused = 0;
  private refusalWindowStartMs = 0;

  constructor(
    private readonly options: ClientEventLimitOptions,
    nowMs: number,
  ) {
    this.tokens = options.burst;
    this.refilledAtMs = nowMs;
  }

  check(nowMs: number): ClientEventVerdict {
    const elapsedSeconds = Math.max(0, nowMs - this.refilledAtMs) / 1000;
    this.tokens = Math.min(this.options.burst, this.tokens + elapsedSeconds * this.options.eventsPerSecond);
    this.refilledAtMs = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'allow';
    }
    if (nowMs - this.refusalWindowStartMs >= REFUSAL_WINDOW_MS) {
      this.refused = 0;
      this.refusalWindowStartMs = nowMs;
    }
    this.refused += 1;
    return this.refused >= this.options.maxRefused ? 'disconnect' : 'refuse';
  }
}
