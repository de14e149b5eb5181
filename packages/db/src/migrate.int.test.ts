import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_DATABASE_URL } from './client';
import { maintenanceDatabaseUrl, runMigrations } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

const serverUrl = process.env.DATABASE_URL ?? DEVELOPMENT_DATABASE_URL;

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
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test.drop();
  });

  it('create every table', async () => {
    const rows = await test.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    expect(rows.map((r) => r.table_name)).toEqual([
      'api_tokens',
      'candles',
      'chain_snapshots',
      'option_quotes',
      'products',
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
      option_quotes_strike_history_idx: 'btree (product, expiry, strike, option_type, ts DESC)',
    });
  });

  it('are recorded and not applied twice', async () => {
    await runMigrations(test.url);
    const applied = await test.sql`select hash from drizzle.__drizzle_migrations`;
    expect(applied).toHaveLength(1);
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
      expect(await sql`select hash from drizzle.__drizzle_migrations`).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });
});
