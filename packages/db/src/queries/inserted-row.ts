import { getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The row a single-row `INSERT … RETURNING` wrote. PostgreSQL returns it or raises an error, so an empty
 * result means the statement was not the insert it should be.
 */
export function insertedRow<T>(rows: readonly T[], table: PgTable): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`insert into ${getTableName(table)} returned no row`);
  return row;
}
