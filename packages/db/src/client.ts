import { withTimeout } from '@deltastream/core/async';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

/** The server and database a developer's machine uses when `DATABASE_URL` is not set. */
export const DEVELOPMENT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/deltastream';

/**
 * What every query function takes first: the database or a transaction opened on it, so a caller can make
 * several writes atomic (the worker inserts ticks and merges their candles in one transaction).
 */
export type Db = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  /**
   * The postgres.js pool underneath, for what Drizzle does not cover (LISTEN, COPY). Drizzle has switched
   * its date and time parsers off, so raw queries here get timestamps and dates back as PostgreSQL text.
   */
  sql: postgres.Sql;
  /** Waits for running queries (at most 5 s) and closes every connection. */
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** Connections in the pool; postgres.js opens them lazily. */
  max?: number;
}

export function createDb(databaseUrl: string, options: CreateDbOptions = {}): DbHandle {
  const sql = postgres(databaseUrl, { max: options.max ?? 10 });
  const db = drizzle(sql, { schema });
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * True when PostgreSQL answers a trivial query within `timeoutMs`: the database check of a tier's
 * readiness. Takes a handle or anything holding its `db` (a worker has only the Drizzle database).
 */
export async function databaseAnswers(database: Pick<DbHandle, 'db'>, timeoutMs = 1000): Promise<boolean> {
  try {
    await withTimeout(database.db.execute(sql`select 1`), timeoutMs, 'PostgreSQL');
    return true;
  } catch {
    return false;
  }
}
