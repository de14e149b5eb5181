/** The error codes the REST API answers with, and the HTTP status of each. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * What handlers throw for an expected failure; the route wrapper turns it into
 * `{ error: { code, message, field? } }` with the code's status. `headers` carries Retry-After and the like.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A 429 whose message and Retry-After both say when the caller may try again. */
export function tooManyRequests(
  message: (seconds: number) => string,
  resetMs: number,
  headers: Record<string, string> = {},
): AppError {
  const seconds = Math.ceil(resetMs / 1000);
  return new AppError('RATE_LIMITED', message(seconds), {
    headers: { ...headers, 'retry-after': String(seconds) },
  });
}
