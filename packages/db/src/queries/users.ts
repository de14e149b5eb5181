import { and, desc, eq, getTableColumns, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { apiTokens, users, type UserRole } from '../schema';
import { insertedRow } from './inserted-row';
import { createWithinUserLimit } from './per-user-limit';

type UserRow = typeof users.$inferSelect;
/** A user as the tiers see it; the password hash only leaves this package through `getUserByEmail`. */
export type User = Omit<UserRow, 'passwordHash'>;
export type UserWithPasswordHash = UserRow;

type ApiTokenRow = typeof apiTokens.$inferSelect;
/** A token's record without its hash (which only ever needs to be looked up, never shown). */
export type ApiToken = Omit<ApiTokenRow, 'tokenHash'>;

const { passwordHash: _passwordHash, ...userColumns } = getTableColumns(users);
const { tokenHash: _tokenHash, ...apiTokenColumns } = getTableColumns(apiTokens);

/** Addresses are stored trimmed and lower-case, so sign-in is case-insensitive and one address is one user. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates the user, or returns null when the address is already registered. */
export async function createUser(
  db: Db,
  input: { email: string; passwordHash: string; name: string; role?: UserRole },
): Promise<User | null> {
  const [user] = await db
    .insert(users)
    .values({ ...input, email: normaliseEmail(input.email) })
    .onConflictDoNothing({ target: users.email })
    .returning(userColumns);
  return user ?? null;
}

export async function getUserByEmail(db: Db, email: string): Promise<UserWithPasswordHash | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user ?? null;
}

export async function getUserById(db: Db, id: string): Promise<User | null> {
  const [user] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return user ?? null;
}

/**
 * Records a token whose secret the caller generated and hashed (`tokenHash`: SHA-256, lower-case hex); the
 * secret itself is shown to the user once and never stored.
 */
export async function createApiToken(
  db: Db,
  input: {
    userId: string;
    name: string;
    tokenPrefix: string;
    tokenHash: string;
    scopes: string[];
    expiresAt?: Date | null;
  },
): Promise<ApiToken> {
  return insertedRow(await db.insert(apiTokens).values(input).returning(apiTokenColumns), apiTokens);
}

/** A token that is neither revoked nor expired. */
const isActiveApiToken = () =>
  and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)));

/** `createApiToken`, unless the user already holds `maxActive` active tokens (then null). */
export async function createApiTokenWithinLimit(
  db: Db,
  input: Parameters<typeof createApiToken>[1],
  maxActive: number,
): Promise<ApiToken | null> {
  const held = { table: apiTokens, where: and(eq(apiTokens.userId, input.userId), isActiveApiToken()) };
  return createWithinUserLimit(db, { userId: input.userId, max: maxActive, held }, (tx) =>
    createApiToken(tx, input),
  );
}

/** Every token of the user, revoked and expired ones included (the UI shows their state), newest first. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiToken[]> {
  return db
    .select(apiTokenColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/**
 * Revokes one of the user's own tokens and returns its hash, so the caller can drop any cached lookup of
 * it; null when it is not theirs, does not exist or was already revoked.
 */
export async function revokeApiToken(
  db: Db,
  query: { userId: string; tokenId: string },
): Promise<{ tokenHash: string } | null> {
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(apiTokens.id, query.tokenId), eq(apiTokens.userId, query.userId), isNull(apiTokens.revokedAt)),
    )
    .returning({ tokenHash: apiTokens.tokenHash });
  return revoked ?? null;
}

/** The token with this hash and its owner, unless it is revoked or expired. */
export async function findActiveApiTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<{ token: ApiToken; user: User } | null> {
  const [row] = await db
    .select({ token: apiTokenColumns, user: userColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isActiveApiToken()));
  return row ?? null;
}

/** Records that the token was just used. */
export async function touchApiToken(db: Db, tokenId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiTokens.id, tokenId));
}
