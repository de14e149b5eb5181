/**
 * The original DeltaStream's examples/curl-examples.sh, request by request: each curl command as the
 * script writes it (BASE_URL aside), and its jq filter evaluated here in TypeScript with jq's semantics
 * for the few operators the script uses (`.`, `.field`, `.[n]`, `|`, object construction, `length`).
 * Run with curl itself when it is installed, else with fetch sending the same method, path, headers and
 * body.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

export interface CurlExample {
  /** The script's own heading of the step. */
  title: string;
  method: 'GET' | 'POST';
  path: string;
  /** `-H` arguments, as written. */
  headers: string[];
  /** `-d` argument, as written. */
  body?: string;
  /** The jq program the script pipes the answer into. */
  jq: string;
  /** That program, in TypeScript. */
  filter(input: unknown): unknown;
}

/** Raised where jq stops with an error (indexing a number, say). */
class JqError extends Error {}

/** jq's `.name`: null on null, the field (or null) on an object, an error on anything else. */
function field(input: unknown, name: string): unknown {
  if (input === null) return null;
  if (typeof input === 'object' && !Array.isArray(input))
    return (input as Record<string, unknown>)[name] ?? null;
  throw new JqError(`Cannot index ${typeof input} with "${name}"`);
}

/** jq's `.[n]`: null on null or past the end, the element of an array, an error on anything else. */
function element(input: unknown, index: number): unknown {
  if (input === null) return null;
  if (Array.isArray(input)) return input[index] ?? null;
  throw new JqError(`Cannot index ${typeof input} with number`);
}

/** jq's `length`: of null 0, of a string or an array its length, of an object its key count, of a number its absolute value. */
function length(input: unknown): number {
  if (input === null) return 0;
  if (typeof input === 'string' || Array.isArray(input)) return input.length;
  if (typeof input === 'number') return Math.abs(input);
  if (typeof input === 'object') return Object.keys(input).length;
  throw new JqError(`${typeof input} has no length`);
}

const identity = (input: unknown) => input;

export const CURL_EXAMPLES: readonly CurlExample[] = [
  { title: '1. Health Check', method: 'GET', path: '/health', headers: [], jq: '.', filter: identity },
  {
    title: '2. Get Products',
    method: 'GET',
    path: '/api/data/products',
    headers: [],
    jq: '.',
    filter: identity,
  },
  {
    title: '3. Get NIFTY Underlying Ticks (latest 5)',
    method: 'GET',
    path: '/api/data/underlying/NIFTY?limit=5',
    headers: [],
    jq: '.',
    filter: identity,
  },
  {
    title: '4. Get NIFTY Option Chain (latest 1)',
    method: 'GET',
    path: '/api/data/chain/NIFTY?limit=1',
    headers: [],
    jq: '.chains[0] | {product, expiry, spot_price, pcr_oi, atm_straddle_price}',
    filter: (input) => {
      const chain = element(field(input, 'chains'), 0);
      return Object.fromEntries(
        ['product', 'expiry', 'spot_price', 'pcr_oi', 'atm_straddle_price'].map((name) => [
          name,
          field(chain, name),
        ]),
      );
    },
  },
  {
    title: '5. Get Available Expiries for NIFTY',
    method: 'GET',
    path: '/api/data/expiries/NIFTY',
    headers: [],
    jq: '.',
    filter: identity,
  },
  {
    title: '6. Get PCR Analysis',
    method: 'GET',
    path: '/api/analytics/pcr/NIFTY',
    headers: [],
    jq: '.latest[0]',
    filter: (input) => element(field(input, 'latest'), 0),
  },
  {
    title: '7. Get Volatility Surface',
    method: 'GET',
    path: '/api/analytics/volatility-surface/NIFTY',
    headers: [],
    jq: '{product, num_expiries: (.expiries | length)}',
    filter: (input) => ({ product: field(input, 'product'), num_expiries: length(field(input, 'expiries')) }),
  },
  {
    title: '8. Register User',
    method: 'POST',
    path: '/api/auth/register',
    headers: ['Content-Type: application/json'],
    body: '{"email":"test@example.com","password":"test123","name":"Test User"}',
    jq: '.',
    filter: identity,
  },
];

export const CURL_INSTALLED = spawnSync('curl', ['--version']).error === undefined;

export interface CurlAnswer {
  status: number;
  /** The body as JSON (jq refuses anything else). */
  json: unknown;
}

/**
 * Sends one example to `baseUrl`. The script does not look at the status; curl writes it after the body
 * here (`-w`) so that the tests can.
 */
export async function runCurlExample(baseUrl: string, example: CurlExample): Promise<CurlAnswer> {
  const url = `${baseUrl}${example.path}`;
  if (!CURL_INSTALLED) {
    const response = await fetch(url, {
      method: example.method,
      headers: example.headers.map((header) => header.split(/:\s*/, 2) as [string, string]),
      body: example.body,
    });
    return { status: response.status, json: JSON.parse(await response.text()) };
  }
  const args = [
    '-s',
    ...(example.method === 'GET' ? [] : ['-X', example.method]),
    url,
    ...example.headers.flatMap((header) => ['-H', header]),
    ...(example.body === undefined ? [] : ['-d', example.body]),
    '-w',
    '\n%{http_code}',
  ];
  const { stdout } = await promisify(execFile)('curl', args);
  const statusAt = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(statusAt + 1)), json: JSON.parse(stdout.slice(0, statusAt)) };
}
