import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** A target column and one value per row (already in the driver's form: ISO strings for instants, JSON text for jsonb). */
export type UnnestColumn = readonly [column: PgColumn, values: readonly unknown[]];

/** `"a", "b", …`: the columns' names, for an INSERT column list or a row alias. */
export function columnNames(columns: readonly UnnestColumn[]): SQL {
  return sql.join(
    columns.map(([column]) => sql.identifier(column.name)),
    sql`, `,
  );
}

/**
 * `unnest($1::text[]::text[], $2::text[]::bigint[], …)`: a batch of rows passed as one array parameter per
 * column. The statement keeps the same text and parameter count for any batch size (one plan; no
 * 65,535-parameter limit, which 10 chains × 200 quotes × 21 columns as a multi-row VALUES would approach).
 * Every array travels as text[] and PostgreSQL casts it: Drizzle replaces postgres.js's serializers for
 * date and time types with pass-through ones, which cannot encode a timestamptz[] or date[] parameter.
 */
export function unnest(columns: readonly UnnestColumn[]): SQL {
  return sql`unnest(${sql.join(
    columns.map(([column, values]) => sql`${sql.param(values)}::text[]::${sql.raw(column.getSQLType())}[]`),
    sql`, `,
  )})`;
}

/** `insert into t ("a", "b", …) select * from unnest(…)`; the caller adds ON CONFLICT and RETURNING. */
export function insertFromUnnest(table: PgTable, columns: readonly UnnestColumn[]): SQL {
  return sql`insert into ${table} (${columnNames(columns)}) select * from ${unnest(columns)}`;
}
