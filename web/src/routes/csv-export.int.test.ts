import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnderlyingTick } from '@deltastream/core/schemas';
import { insertTicks, upsertIvPoints } from '@deltastream/db/queries';
import { chainCsvRows } from '../contracts/chain-views';
import type { ChainResponse, OhlcResponse, PcrResponse, UnderlyingResponse } from '../contracts/rest';
import type { IvHistoryResponse } from '../contracts/volatility-history';
import { createMarketApiServer, type MarketApiServer } from '../market-api/app';
import { csvColumns, encodeCsv, type CsvRecord } from '../server/csv';
import {
  simulatedChains,
  storeChains,
  testProduct,
  useMarketTest,
  withApiToken,
} from '../server/market-fixtures';
import type { Route } from '../server/route';
import { productsRoute } from './data/products';
import { ROUTES } from './registry';

/**
 * The CSV form of every route that declares one, driven by the registry: each answers the JSON form's
 * rows (the same rows, the same access) as RFC 4180 text with the wire names as header; long history
 * goes out page by page, and the market API sends it chunked.
 */
const { web, headers, product, symbol } = useMarketTest([testProduct()], { PUBLIC_MARKET_DATA: 'false' });

const isMarketRead = (route: Route) => /^\/api\/(data|analytics)\//.test(route.spec.path);
/** The market reads with a CSV form; the alert history's is tested beside it. */
const CSV_ROUTES = ROUTES.filter((route) => route.spec.csv !== undefined && isMarketRead(route));
const routeAt = (path: string): Route => ROUTES.find((route) => route.spec.path === path)!;

/**
 * 2,500 ticks half a second apart, the latest ten seconds ago (ticks stamped alike are paged by id: see
 * the keyset tests in @deltastream/db).
 */
const TICKS = 2500;
const t0 = Math.floor(Date.now() / 1000) * 1000 - (TICKS / 2 + 10) * 1000;
const ticks: UnderlyingTick[] = Array.from({ length: TICKS }, (_, i) => ({
  type: 'UNDERLYING',
  product: symbol,
  tick_id: i + 1,
  timestamp: new Date(t0 + i * 500).toISOString(),
  price: 24_000 + Math.sin(i / 50) * 40 + i / 1000,
  ...(i % 3 === 0 ? { volume: i } : {}),
}));
const minuteOf = (tick: UnderlyingTick) =>
  new Date(Math.floor(Date.parse(tick.timestamp) / 60_000) * 60_000).toISOString();

beforeAll(async () => {
  await storeChains(web, simulatedChains(product, 3));
  await insertTicks(web.ctx.db, ticks, { intervalSeconds: 60, bucketStart: minuteOf });
  const levels = { iv_30d: 0.14, atm_iv: 0.135, near_expiry: null, source: 'simulated' as const };
  await upsertIvPoints(web.ctx.db, {
    intraday: Array.from({ length: 40 }, (_, i) => ({
      product: symbol,
      observed_at: new Date(t0 + i * 60_000 + 30_000).toISOString(),
      bucket_start: new Date(t0 + i * 60_000).toISOString(),
      ...levels,
      iv_30d: 0.14 + i / 10_000,
    })),
    daily: Array.from({ length: 30 }, (_, i) => {
      const date = new Date(Date.now() - (30 - i) * 86_400_000).toISOString().slice(0, 10);
      return {
        product: symbol,
        observed_at: `${date}T10:00:00.000Z`,
        date,
        ...levels,
        atm_iv: 0.1 + i / 1000,
      };
    }),
  });
});

/** The path of a route for this file's product. */
const pathOf = (route: Route) => route.spec.path.replace('{product}', symbol);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * For the routes whose CSV rows come from a source of their own (not from the JSON answer): the JSON
 * answer's rows, which the CSV must list exactly.
 */
const JSON_ROWS_OF_SOURCE: Record<string, (body: never) => CsvRecord[]> = {
  '/api/data/chain/{product}': (body: ChainResponse) => body.chains.flatMap(chainCsvRows),
  '/api/data/underlying/{product}': (body: UnderlyingResponse) => body.ticks,
  '/api/data/ohlc/{product}': (body: OhlcResponse) => body.candles,
  '/api/analytics/pcr/{product}': (body: PcrResponse) =>
    body.history.map((point) => ({ expiry: body.expiry, ...point })),
  '/api/analytics/iv-history/{product}': (body: IvHistoryResponse) => body.points,
};

/** The JSON answer's rows as the route's CSV declares them. */
function jsonRows(route: Route, body: unknown): CsvRecord[] {
  const csv = route.spec.csv!;
  if ('rows' in csv) return [...csv.rows(body as never)];
  const rowsOf = JSON_ROWS_OF_SOURCE[route.spec.path];
  if (!rowsOf) throw new Error(`no JSON rows known for ${route.spec.path}`);
  return rowsOf(body as never);
}

/** Queries each CSV route is exercised with (besides none): long ranges, the other intervals. */
const EXTRA_QUERIES: Record<string, Record<string, string>[]> = {
  '/api/data/underlying/{product}': [{ limit: String(TICKS) }, { limit: '7' }],
  '/api/data/ohlc/{product}': [{ interval: '5m' }, { limit: '10' }],
  '/api/data/chain/{product}': [{ limit: '3' }],
  '/api/analytics/iv-history/{product}': [{ interval: '1m' }, { interval: '1m', limit: '5' }],
  '/api/analytics/pcr/{product}': [{ history: '2' }, { history: '0' }],
};

describe('CSV export', () => {
  it('is offered by the market and analytics GETs that return rows, and the alert history', () => {
    const withCsv = ROUTES.filter((route) => route.spec.csv !== undefined);
    expect(withCsv.map((route) => route.spec.path).sort()).toEqual(
      [
        '/api/alerts/history',
        '/api/data/chain/{product}',
        '/api/data/expiries/{product}',
        '/api/data/ohlc/{product}',
        '/api/data/underlying/{product}',
        '/api/analytics/greeks/{product}',
        '/api/analytics/iv-history/{product}',
        '/api/analytics/max-pain/{product}',
        '/api/analytics/ohlc/{product}',
        '/api/analytics/oi-buildup/{product}',
        '/api/analytics/pcr/{product}',
        '/api/analytics/realized-vol/{product}',
        '/api/analytics/term-structure/{product}',
        '/api/analytics/volatility-surface/{product}',
      ].sort(),
    );
    for (const route of withCsv) expect(route.spec.method).toBe('GET');
  });

  it('answers each CSV route with the JSON form’s rows under a header of wire names', async () => {
    for (const route of CSV_ROUTES) {
      for (const query of [{}, ...(EXTRA_QUERIES[route.spec.path] ?? [])]) {
        const label = `${route.spec.path} ${JSON.stringify(query)}`;
        const asJson = await web.call(route, pathOf(route), { query, headers });
        expect(asJson.status, label).toBe(200);
        expect(asJson.headers.get('content-type'), label).toContain('application/json');
        const asCsv = await web.call(route, pathOf(route), { query: { ...query, format: 'csv' }, headers });
        expect(asCsv.status, label).toBe(200);
        expect(asCsv.headers.get('content-type'), label).toBe('text/csv; charset=utf-8');
        const name = route.spec.path.split('/').at(-2);
        expect(asCsv.headers.get('content-disposition'), label).toBe(
          `attachment; filename="${symbol}-${name}-${today()}.csv"`,
        );
        expect(asCsv.headers.get('x-ratelimit-limit'), label).not.toBeNull();
        const columns = csvColumns(route.spec.csv!.schema);
        const lines = asCsv.text.split('\r\n');
        expect(lines[0], label).toBe(columns.join(','));
        expect(lines.at(-1), label).toBe('');
        const rows = jsonRows(route, asJson.body);
        expect(lines.length - 2, label).toBe(rows.length);
        expect(asCsv.text, label).toBe(encodeCsv(columns, rows));
      }
    }
  });

  it('has rows to show on every route of this product (the comparison above is not vacuous)', async () => {
    for (const route of CSV_ROUTES) {
      const asCsv = await web.call(route, pathOf(route), { query: { format: 'csv' }, headers });
      if (route.spec.path === '/api/analytics/realized-vol/{product}') continue; // no daily candles stored
      expect(asCsv.text.split('\r\n').length - 2, route.spec.path).toBeGreaterThan(0);
    }
  });

  it('writes one chain row per strike, calls and puts side by side, numbers at full precision', async () => {
    const chain = routeAt('/api/data/chain/{product}');
    const json = await web.call<ChainResponse>(chain, pathOf(chain), { headers });
    const csv = await web.call(chain, pathOf(chain), { query: { format: 'csv' }, headers });
    const [header, first] = csv.text.split('\r\n');
    const columns = header!.split(',');
    const cells = first!.split(',');
    const nearest = json.body.chains[0]!;
    expect(csv.text.split('\r\n').length - 2).toBe(nearest.strikes.length);
    const lowest = Math.min(...nearest.strikes);
    const call = nearest.calls.find((quote) => quote.strike === lowest)!;
    const put = nearest.puts.find((quote) => quote.strike === lowest)!;
    const cell = (name: string) => cells[columns.indexOf(name)];
    expect(cell('strike')).toBe(String(lowest));
    expect(cell('expiry')).toBe(nearest.expiry);
    expect(cell('timestamp')).toBe(nearest.timestamp);
    expect(cell('call.mid')).toBe(String(call.mid));
    expect(cell('put.open_interest')).toBe(String(put.open_interest));
    expect(cell('call.iv')).toBe(call.iv === null ? '' : String(call.iv));
    expect(cell('put.buildup')).toBe(put.buildup);
  });

  it('streams a long tick range oldest first, exactly the JSON ticks, the first being the oldest of the latest `limit`', async () => {
    const underlying = routeAt('/api/data/underlying/{product}');
    const csv = await web.call(underlying, pathOf(underlying), {
      query: { format: 'csv', limit: '2001' },
      headers,
    });
    const lines = csv.text.split('\r\n');
    expect(lines).toHaveLength(2001 + 2);
    expect(lines[0]).toBe('type,product,price,volume,timestamp,tick_id');
    const oldest = ticks[TICKS - 2001]!;
    expect(lines[1]).toBe(
      `UNDERLYING,${symbol},${oldest.price},${oldest.volume ?? ''},${oldest.timestamp},${oldest.tick_id}`,
    );
    expect(lines[2001]!.endsWith(`,${TICKS}`)).toBe(true);
    const tickIds = lines.slice(1, -1).map((line) => Number(line.split(',').at(-1)));
    expect(new Set(tickIds).size).toBe(2001);
  });

  it('answers Accept: text/csv with CSV, and keeps JSON for JSON-first and wildcard Accept headers', async () => {
    const greeks = routeAt('/api/analytics/greeks/{product}');
    const ask = (accept: string) => web.call(greeks, pathOf(greeks), { headers: { ...headers, accept } });
    expect((await ask('text/csv')).headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await ask('text/csv, application/json;q=0.9')).headers.get('content-type')).toBe(
      'text/csv; charset=utf-8',
    );
    for (const accept of [
      'application/json',
      '*/*',
      'text/csv;q=0.5, application/json',
      'text/html,*/*;q=0.8',
    ]) {
      expect((await ask(accept)).headers.get('content-type'), accept).toContain('application/json');
    }
    const explicit = await web.call(greeks, pathOf(greeks), {
      query: { format: 'json' },
      headers: { ...headers, accept: 'text/csv' },
    });
    expect(explicit.headers.get('content-type')).toContain('application/json');
  });

  it('refuses a format other than json or csv, and csv on a route without a CSV form, naming `format`', async () => {
    const greeks = routeAt('/api/analytics/greeks/{product}');
    const bad = await web.call<{ error: { field: string; message: string } }>(greeks, pathOf(greeks), {
      query: { format: 'xlsx' },
      headers,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'format', message: 'format: must be json or csv' });
    const noCsv = await web.call<{ error: { field: string } }>(productsRoute, '/api/data/products', {
      query: { format: 'csv' },
      headers,
    });
    expect(noCsv.status).toBe(400);
    expect(noCsv.body.error.field).toBe('format');
    // Accept is a preference: without a CSV form the route answers JSON.
    const preferred = await web.call(productsRoute, '/api/data/products', {
      headers: { ...headers, accept: 'text/csv' },
    });
    expect(preferred.status).toBe(200);
    expect(preferred.headers.get('content-type')).toContain('application/json');
  });

  it('keeps the JSON form’s access rules and errors', async () => {
    for (const route of CSV_ROUTES) {
      const anonymous = await web.call(route, pathOf(route), { query: { format: 'csv' } });
      expect(anonymous.status, route.spec.path).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/json');
    }
    const noScope = await withApiToken(web, []);
    const chain = routeAt('/api/data/chain/{product}');
    expect(
      (await web.call(chain, pathOf(chain), { query: { format: 'csv' }, headers: noScope })).status,
    ).toBe(403);
    const scoped = await withApiToken(web, ['read:market']);
    expect((await web.call(chain, pathOf(chain), { query: { format: 'csv' }, headers: scoped })).status).toBe(
      200,
    );
    for (const path of [
      '/api/data/underlying/NOSUCH',
      '/api/analytics/pcr/NOSUCH',
      '/api/data/chain/NOSUCH',
    ]) {
      const route = ROUTES.find((each) => each.spec.path.startsWith(path.replace('/NOSUCH', '/')))!;
      const missing = await web.call<{ error: { field: string } }>(route, path, {
        query: { format: 'csv' },
        headers,
      });
      expect(missing.status, path).toBe(404);
      expect(missing.body.error.field).toBe('product');
    }
    const underlying = routeAt('/api/data/underlying/{product}');
    const invalid = await web.call<{ error: { field: string } }>(underlying, pathOf(underlying), {
      query: { format: 'csv', limit: '0' },
      headers,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toBe('limit');
  });
});

describe('CSV export through the market API', () => {
  let server: MarketApiServer;
  let base: string;
  let token: Record<string, string>;
  beforeAll(async () => {
    token = await withApiToken(web, ['read:market']);
    server = createMarketApiServer(web.ctx);
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('streams a long range chunked, byte for byte what the handler answers, and JSON keeps its length', async () => {
    const underlying = routeAt('/api/data/underlying/{product}');
    const path = `${pathOf(underlying)}?limit=${TICKS}&format=csv`;
    const served = await fetch(`${base}${path}`, { headers: token });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(served.headers.get('content-length')).toBeNull();
    expect(served.headers.get('transfer-encoding')).toBe('chunked');
    expect(served.headers.get('content-disposition')).toContain(`${symbol}-underlying-`);
    const text = await served.text();
    expect(text.split('\r\n')).toHaveLength(TICKS + 2);
    expect(text).toBe((await web.call(underlying, path, { headers: token })).text);

    const json = await fetch(`${base}${pathOf(underlying)}?limit=${TICKS}`, { headers: token });
    const body = await json.text();
    expect(json.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect((JSON.parse(body) as UnderlyingResponse).ticks).toHaveLength(TICKS);
  });

  it('answers Accept: text/csv and refuses a bad format as the handler does', async () => {
    const chain = routeAt('/api/data/chain/{product}');
    const csv = await fetch(`${base}${pathOf(chain)}`, { headers: { ...token, accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toBe(csvColumns(chain.spec.csv!.schema).join(','));
    const bad = await fetch(`${base}${pathOf(chain)}?format=pdf`, { headers: token });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('format');
  });
});
