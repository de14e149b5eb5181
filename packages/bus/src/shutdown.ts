import type { Logger } from './logger';

export interface ShutdownOptions {
  logger: Logger;
  timeoutMs: number;
  /** Stops intake, finishes in-flight work and closes connections, in that order. */
  stop: () => Promise<void>;
  exit?: (code: number) => void;
}

/**
 * The one shutdown path of every Node tier. SIGTERM/SIGINT run `stop` once under a timeout; an
 * uncaught exception or unhandled rejection is logged and ends the process non-zero after the same
 * attempt to close cleanly. Returns the trigger, for tests and for `main` to call on fatal start-up
 * errors.
 */
export function installShutdown({ logger, timeoutMs, stop, exit = process.exit }: ShutdownOptions) {
  let stopping: Promise<void> | null = null;

  const shutdown = (reason: string, code: number): Promise<void> => {
    if (stopping) return stopping;
    logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ reason, timeoutMs }, 'shutdown timed out');
      exit(code || 1);
    }, timeoutMs);
    timer.unref();
    stopping = stop()
      .then(() => {
        clearTimeout(timer);
        logger.info('stopped');
        exit(code);
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      });
    return stopping;
  };

  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });
  process.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled rejection');
    void shutdown('unhandledRejection', 1);
  });
  return shutdown;
}
