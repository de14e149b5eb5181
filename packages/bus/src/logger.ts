import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * JSON logs in production (one object per line, for the log pipeline); pretty-printed when a
 * developer runs a tier in a terminal. `tier` is bound on every line; callers add child bindings
 * such as `{ queue, jobId, product }`.
 */
export function createLogger(tier: string, level: LoggerOptions['level'] = 'info'): Logger {
  const pretty = process.env.NODE_ENV !== 'production' && process.stdout.isTTY;
  return pino({
    level,
    base: { tier },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.password', '*.token', '*.authorization', 'password', 'token'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  });
}
