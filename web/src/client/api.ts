/** A REST error as the API sends it: `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Calls the DeltaStream API from the browser with the session cookie and returns the parsed JSON, or
 * throws ApiError with the server's message. Every request but a read is sent as JSON, body or not: the
 * API takes a state-changing request signed in by the session cookie only as JSON from this site.
 */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const reads = (init.method ?? 'GET') === 'GET';
  const response = await fetch(path, {
    ...init,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(reads ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
  });
  const text = await response.text();
  const body: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? response.statusText,
      error?.field,
    );
  }
  return body as T;
}
