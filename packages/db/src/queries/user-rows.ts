import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { insertedRow } from './inserted-row';
import { createWithinUserLimit } from './per-user-limit';

/** A table whose rows each belong to one user, who alone may read, change and delete them. */
type UserRowsTable = PgTable & { id: PgColumn; userId: PgColumn; createdAt: PgColumn };

/** The row `id` of `table` if it is the user's: someone else's row reads as missing. */
export function usersRow(table: UserRowsTable, query: { userId: string; id: string }): SQL | undefined {
  return and(eq(table.id, query.id), eq(table.userId, query.userId));
}

/** Inserts a row for its user unless they already hold `maxPerUser` rows of `table` (then null). */
export async function insertWithinUserLimit<Table extends UserRowsTable>(
  db: Db,
  table: Table,
  input: Table['$inferInsert'] & { userId: string },
  maxPerUser: number,
): Promise<Table['$inferSelect'] | null> {
  const held = { table, where: eq(table.userId, input.userId) };
  return createWithinUserLimit(db, { userId: input.userId, max: maxPerUser, held }, async (tx) =>
    insertedRow(await tx.insert(table).values(input).returning(), table),
  );
}

/**
 * The rows of `table` that `where` selects, in `orderBy` order, as the table's own row type: Drizzle cannot
 * work a select's row type out from a table that is a type parameter.
 */
async function selectRows<Table extends UserRowsTable>(
  db: Db,
  table: Table,
  where: SQL | undefined,
  orderBy: SQL[] = [],
): Promise<Table['$inferSelect'][]> {
  return db
    .select()
    .from(table as UserRowsTable)
    .where(where)
    .orderBy(...orderBy);
}

/** The user's rows of `table`, newest first. */
export async function listUsersRows<Table extends UserRowsTable>(
  db: Db,
  table: Table,
  userId: string,
): Promise<Table['$inferSelect'][]> {
  return selectRows(db, table, eq(table.userId, userId), [desc(table.createdAt), desc(table.id)]);
}

/** One of the user's rows of `table`; null when it does not exist or belongs to someone else. */
export async function getUsersRow<Table extends UserRowsTable>(
  db: Db,
  table: Table,
  query: { userId: string; id: string },
): Promise<Table['$inferSelect'] | null> {
  const [row] = await selectRows(db, table, usersRow(table, query));
  return row ?? null;
}

/** Deletes one of the user's rows of `table`; false when it does not exist or belongs to someone else. */
export async function deleteUsersRow(
  db: Db,
  table: UserRowsTable,
  query: { userId: string; id: string },
): Promise<boolean> {
  const deleted = await db.delete(table).where(usersRow(table, query)).returning({ id: table.id });
  return deleted.length > 0;
}
