/** The answer `withTimeout` gives when the work did not settle in time. */
export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * `work`'s outcome when it settles within `timeoutMs`, else a rejection with a TimeoutError saying that
 * `what` did not answer in time. A dependency check uses it so a connection that is reconnecting (a
 * command waiting in ioredis's offline queue, a query waiting for a pool slot) cannot hang a probe. The
 * timer is cleared either way, so it never holds the process open; `work` itself is not cancelled.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`${what} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
