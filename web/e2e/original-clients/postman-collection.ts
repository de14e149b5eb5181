/**
 * The original DeltaStream's examples/postman-collection.json, request by request in its order, as
 * Postman runs the collection with `baseUrl` set to the platform: its method, path, headers and raw body,
 * `{{token}}` replaced by the collection variable (empty at first), and its test scripts, which keep
 * `response.token` as `token` after Register User answers 201 and Login User 200.
 */
export interface PostmanRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The status on which the request's test script stores the answer's `token`. */
  keepsTokenOn?: number;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

export const POSTMAN_REQUESTS: readonly PostmanRequest[] = [
  { name: 'Health Check', method: 'GET', path: '/health', headers: {} },
  {
    name: 'Register User',
    method: 'POST',
    path: '/api/auth/register',
    headers: JSON_HEADERS,
    body: '{\n  "email": "test@example.com",\n  "password": "test123",\n  "name": "Test User"\n}',
    keepsTokenOn: 201,
  },
  {
    name: 'Login User',
    method: 'POST',
    path: '/api/auth/login',
    headers: JSON_HEADERS,
    body: '{\n  "email": "test@example.com",\n  "password": "test123"\n}',
    keepsTokenOn: 200,
  },
  {
    name: 'Verify Token',
    method: 'POST',
    path: '/api/auth/verify',
    headers: { Authorization: 'Bearer {{token}}' },
  },
  { name: 'Get Products', method: 'GET', path: '/api/data/products', headers: {} },
  { name: 'Get Underlying Ticks', method: 'GET', path: '/api/data/underlying/NIFTY?limit=10', headers: {} },
  { name: 'Get Option Chain', method: 'GET', path: '/api/data/chain/NIFTY?limit=1', headers: {} },
  { name: 'Get Expiries', method: 'GET', path: '/api/data/expiries/NIFTY', headers: {} },
  { name: 'Get PCR Analysis', method: 'GET', path: '/api/analytics/pcr/NIFTY', headers: {} },
  { name: 'Get PCR with History', method: 'GET', path: '/api/analytics/pcr/NIFTY?history=true', headers: {} },
  {
    name: 'Get Volatility Surface',
    method: 'GET',
    path: '/api/analytics/volatility-surface/NIFTY',
    headers: {},
  },
  {
    name: 'Get Max Pain',
    method: 'GET',
    path: '/api/analytics/max-pain/NIFTY?expiry=2025-01-25',
    headers: {},
  },
];

export interface PostmanAnswer {
  name: string;
  status: number;
  json: unknown;
}

/** Runs the collection against `baseUrl` as Postman's collection runner does: in order, one at a time. */
export async function runPostmanCollection(baseUrl: string): Promise<PostmanAnswer[]> {
  let token = '';
  const answers: PostmanAnswer[] = [];
  for (const request of POSTMAN_REQUESTS) {
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, value.replaceAll('{{token}}', token)]),
    );
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body,
    });
    const json = (await response.json()) as unknown;
    if (response.status === request.keepsTokenOn) token = String((json as { token?: unknown }).token);
    answers.push({ name: request.name, status: response.status, json });
  }
  return answers;
}
