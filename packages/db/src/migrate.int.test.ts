import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_DATABASE_URL } from './client';
import { DEFAULT_MIGRATIONS_FOLDER, maintenanceDatabaseUrl, runMigrations } from './migrate';
import { useTestDatabase } from './use-test-database';

const serverUrl = process.env.DATABASE_URL ?? DEVELOPMENT_DATABASE_URL;

interface Journal {
  entries: { tag: string }[];
}
const journal = JSON.parse(
  readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
) as Journal;

/** A migrations folder holding only the first `count` migrations: the schema as an older release left it. */
function firstMigrations(count: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'ds-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const entries = journal.entries.slice(0, count);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries) {
    copyFileSync(join(DEFAULT_MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  }
  return folder;
}

function testDatabaseUrl(): { name: string; url: string } {
  const name = `deltastream_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropDatabase(name: string): Promise<void> {
  const admin = postgres(maintenanceDatabaseUrl(serverUrl), { max: 1, onnotice: () => {} });
  await admin`drop database if exists ${admin(name)} with (force)`;
  await admin.end();
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = postgres(maintenanceDatabaseUrl(serverUrl), { max: 1 });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

describe('migrations on a fresh database', () => {
  const test = useTestDatabase();

  it('create every table', async () => {
    const rows = await test.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    expect(rows.map((r) => r.table_name)).toEqual([
      'alert_book_versions',
      'alert_firings',
      'alerts',
      'api_tokens',
      'candles',
      'chain_quotes',
      'chain_snapshots',
      'daily_candles',
      'iv_daily_points',
      'iv_intraday_points',
      'products',
      'saved_strategies',
      'underlying_ticks',
      'users',
    ]);
  });

  it('create the time indexes newest first', async () => {
    const rows = await test.sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes where schemaname = 'public' and indexname like '%_idx'`;
    const definitions = Object.fromEntries(
      rows.map((r) => [r.indexname, r.indexdef.replace(/^.* USING /, '')]),
    );
    expect(definitions).toEqual({
      api_tokens_user_id_idx: 'btree (user_id)',
      underlying_ticks_product_ts_idx: 'btree (product, ts DESC)',
      chain_snapshots_product_expiry_ts_idx: 'btree (product, expiry, ts DESC)',
      chain_snapshots_product_ts_idx: 'btree (product, ts DESC)',
      saved_strategies_user_created_idx: 'btree (user_id, created_at DESC)',
      alerts_user_created_idx: 'btree (user_id, created_at DESC)',
      alerts_active_product_idx: 'btree (product) WHERE active',
      alert_firings_user_fired_idx: 'btree (user_id, fired_at DESC)',
    });
  });

  it('are recorded and not applied twice', async () => {
    await runMigrations(test.url);
    const applied = await test.sql`select hash from drizzle.__drizzle_migrations`;
    expect(applied).toHaveLength(journal.entries.length);
  });
});

describe('runMigrations', () => {
  const name = `deltastream_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  afterAll(async () => {
    const admin = postgres(maintenanceDatabaseUrl(serverUrl), { max: 1, onnotice: () => {} });
    await admin`drop database if exists ${admin(name)} with (force)`;
    await admin.end();
  });

  it('creates the database when it does not exist, also when two processes start at once', async () => {
    expect(await databaseExists(name)).toBe(false);
    await Promise.all([runMigrations(url.toString()), runMigrations(url.toString())]);
    expect(await databaseExists(name)).toBe(true);
    const sql = postgres(url.toString(), { max: 1 });
    try {
      expect(await sql`select hash from drizzle.__drizzle_migrations`).toHaveLength(journal.entries.length);
    } finally {
      await sql.end();
    }
  });
});

describe('0001_change_bases and 0007_columnar_chain_quotes on a database that already holds history', () => {
  const { name, url } = testDatabaseUrl();
  afterAll(async () => {
    await dropDatabase(name);
  });

  // Quotes stored before the change bases: their oi_change and price_change were against the previous
  // snapshot, and nothing recorded that. The upgrade keeps them and says their base is unknown; 0007 then
  // turns a snapshot's quote rows into its one row of arrays, calls then puts, each by strike.
  it('keeps the stored quotes, their base and snapshot changes unknown (null), as one row of arrays', async () => {
    await runMigrations(url, { migrationsFolder: firstMigrations(1) });
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await sql`insert into products (symbol, name, exchange, currency, time_zone, base_price, strike_step,
        strikes_each_side, lot_size, volatility, conventions, expiry_rule)
        values ('OLD', 'Old', 'NSE', 'INR', 'Asia/Kolkata', 100, 5, 2, 1, 0.2, '{}', '{}')`;
      await sql`insert into chain_snapshots (product, expiry, seq, ts, spot_price, time_to_expiry_years,
        atm_strike, max_pain_strike, total_call_oi, total_put_oi, total_call_volume, total_put_volume,
        call_buildup_otm, put_buildup_otm, net_gamma_exposure, conventions, strikes, processed_at)
        values ('OLD', '2026-12-29', 7, now(), 100, 0.1, 100, 100, 1, 1, 1, 1, 0, 0, 0, '{}', '{95,100}', now())`;
      await sql`insert into option_quotes (product, expiry, seq, symbol, option_type, strike, ts, bid, ask,
        last, mid, volume, open_interest, oi_change, price_change, buildup)
        values ('OLD', '2026-12-29', 7, 'OLDP95', 'PUT', 95, now(), 0.5, 1, 0.8, 0.75, 1, 10, -2, -0.25,
                'LONG_UNWINDING'),
               ('OLD', '2026-12-29', 7, 'OLDC100', 'CALL', 100, now(), 1, 2, 1.5, 1.5, 3, 40, 4, 0.5,
                'LONG_BUILDUP'),
               ('OLD', '2026-12-29', 7, 'OLDC95', 'CALL', 95, now(), 5, 6, 5.5, 5.5, 2, 30, 0, 0,
                'NEUTRAL')`;

      await runMigrations(url);
      const [snapshot] = await sql`select id, change_base from chain_snapshots`;
      // As JSON: the driver reads a NULL element of an array as NaN or 'NULL'.
      const [row] = await sql`select to_json(chain_quotes) as quotes from chain_quotes`;
      expect(snapshot?.change_base).toBeNull();
      expect(row?.quotes).toMatchObject({
        snapshot_id: Number(snapshot?.id),
        symbol: ['OLDC95', 'OLDC100', 'OLDP95'],
        oi_change: [0, 4, -2],
        price_change: [0, 0.5, -0.25],
        snapshot_oi_change: [null, null, null],
        snapshot_price_change: [null, null, null],
      });
      expect(await sql`select to_regclass('option_quotes') as gone`).toEqual([{ gone: null }]);
      await expect(sql`update chain_snapshots set change_base = 'yesterday'`).rejects.toThrow(
        /chain_snapshots_change_base_check/,
      );
    } finally {
      await sql.end();
    }
  });
});
