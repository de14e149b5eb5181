import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** Where `drizzle-kit generate` writes (packages/db/migrations), found from this file in the source tree. */
export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export interface RunMigrationsOptions {
  /** Needed when this module is bundled (dist/main.js): point it at a copy of packages/db/migrations. */
  migrationsFolder?: string;
}

/** Any 64-bit number the other tiers do not use: serialises migrations started by several pods at once. */
const MIGRATION_LOCK_KEY = 727_366_001;

/**
 * "Database already exists": duplicate_database, or unique_violation on pg_database's name index when two
 * processes create it at the same moment.
 */
const DATABASE_ALREADY_EXISTS = new Set(['42P04', '23505']);

/** The URL of the `postgres` maintenance database on the same server, with the same credentials. */
export function maintenanceDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`database URL names no database: ${redactDatabaseUrl(databaseUrl)}`);
  return name;
}

/** The URL without its password, for logs and error messages. */
export function redactDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Creates the database named by the URL unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  const sql = postgres(maintenanceDatabaseUrl(databaseUrl), { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`select 1 from pg_database where datname = ${name}`;
    if (existing) return;
    await sql`create database ${sql(name)}`.catch((error: unknown) => {
      if (!DATABASE_ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates the database if needed and applies every migration not yet applied. */
export async function runMigrations(databaseUrl: string, options: RunMigrationsOptions = {}): Promise<void> {
  await ensureDatabase(databaseUrl);
  // One connection, so the advisory lock is held by the session the migrator runs on.
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(sql), {
      migrationsFolder: options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER,
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
