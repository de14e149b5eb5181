import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens, users } from '../schema';
import { createTestUser } from '../test-fixtures';
import { useTestDatabase } from '../use-test-database';
import {
  createApiToken,
  createApiTokenWithinLimit,
  createUser,
  findActiveApiTokenByHash,
  getUserByEmail,
  getUserById,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from './users';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

describe('users and API tokens', () => {
  const test = useTestDatabase();

  it('createUser stores the address lower-case and refuses a second account for it', async () => {
    const user = await createUser(test.db, {
      email: '  Asha@Example.COM ',
      passwordHash: 'scrypt$1',
      name: 'Asha',
    });
    expect(user).toMatchObject({ email: 'asha@example.com', name: 'Asha', role: 'user' });
    expect(user).not.toHaveProperty('passwordHash');
    expect(
      await createUser(test.db, { email: 'ASHA@example.com', passwordHash: 'x', name: 'Other' }),
    ).toBeNull();

    const admin = await createUser(test.db, {
      email: 'ops@example.com',
      passwordHash: 'p',
      name: 'Ops',
      role: 'admin',
    });
    expect(admin?.role).toBe('admin');
  });

  it('getUserByEmail finds any spelling of the address and carries the hash; getUserById does not', async () => {
    const byEmail = await getUserByEmail(test.db, 'ASHA@example.com');
    expect(byEmail).toMatchObject({ email: 'asha@example.com', passwordHash: 'scrypt$1' });
    const byId = await getUserById(test.db, byEmail!.id);
    const { passwordHash: _hash, ...withoutHash } = byEmail!;
    expect(byId).toEqual(withoutHash);
    expect(await getUserByEmail(test.db, 'nobody@example.com')).toBeNull();
    expect(await getUserById(test.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('the table itself refuses an address that is not lower-case', async () => {
    await expect(
      test.db.insert(users).values({ email: 'Mixed@Example.com', passwordHash: 'p', name: 'M' }),
    ).rejects.toThrow();
  });

  it('a token is found by its hash until it is revoked', async () => {
    const user = await createTestUser(test.db, 'tokens@example.com');
    const token = await createApiToken(test.db, {
      userId: user.id,
      name: 'notebook',
      tokenPrefix: 'ds_abc',
      tokenHash: sha256('ds_abc-secret'),
      scopes: ['read:data'],
    });
    expect(token).toMatchObject({
      userId: user.id,
      name: 'notebook',
      scopes: ['read:data'],
      revokedAt: null,
    });
    expect(token).not.toHaveProperty('tokenHash');

    expect(await findActiveApiTokenByHash(test.db, sha256('ds_abc-secret'))).toEqual({ token, user });
    expect(await findActiveApiTokenByHash(test.db, sha256('wrong'))).toBeNull();

    const other = await createTestUser(test.db, 'other@example.com');
    expect(await revokeApiToken(test.db, { userId: other.id, tokenId: token.id })).toBeNull();
    expect(await revokeApiToken(test.db, { userId: user.id, tokenId: token.id })).toEqual({
      tokenHash: sha256('ds_abc-secret'),
    });
    expect(await revokeApiToken(test.db, { userId: user.id, tokenId: token.id })).toBeNull();
    expect(await findActiveApiTokenByHash(test.db, sha256('ds_abc-secret'))).toBeNull();
  });

  it('an expired token is not found; one expiring later is', async () => {
    const user = await createTestUser(test.db, 'expiry@example.com');
    const create = (secret: string, expiresAt: Date) =>
      createApiToken(test.db, {
        userId: user.id,
        name: secret,
        tokenPrefix: 'ds_',
        tokenHash: sha256(secret),
        scopes: [],
        expiresAt,
      });
    await create('expired', new Date(Date.now() - 1_000));
    const later = await create('later', new Date(Date.now() + 3_600_000));
    expect(await findActiveApiTokenByHash(test.db, sha256('expired'))).toBeNull();
    expect((await findActiveApiTokenByHash(test.db, sha256('later')))?.token.id).toBe(later.id);
  });

  it('listApiTokens lists the user’s tokens newest first; touchApiToken records use', async () => {
    const user = await createTestUser(test.db, 'list@example.com');
    const first = await createApiToken(test.db, {
      userId: user.id,
      name: 'first',
      tokenPrefix: 'ds_1',
      tokenHash: sha256('first'),
      scopes: [],
    });
    const second = await createApiToken(test.db, {
      userId: user.id,
      name: 'second',
      tokenPrefix: 'ds_2',
      tokenHash: sha256('second'),
      scopes: ['read:data', 'write:data'],
    });
    await revokeApiToken(test.db, { userId: user.id, tokenId: first.id });
    const listed = await listApiTokens(test.db, user.id);
    expect(listed.map((t) => [t.name, t.revokedAt === null])).toEqual([
      ['second', true],
      ['first', false],
    ]);

    expect(second.lastUsedAt).toBeNull();
    await touchApiToken(test.db, second.id);
    const [touched] = await test.db.select().from(apiTokens).where(eq(apiTokens.id, second.id));
    expect(touched?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('createApiTokenWithinLimit counts active tokens only, and lets concurrent requests take one place each', async () => {
    const user = await createTestUser(test.db, 'limit@example.com');
    const input = (secret: string, expiresAt: Date | null = null) => ({
      userId: user.id,
      name: secret,
      tokenPrefix: 'ds_',
      tokenHash: sha256(`limit-${secret}`),
      scopes: [],
      expiresAt,
    });
    const revoked = await createApiToken(test.db, input('revoked'));
    await revokeApiToken(test.db, { userId: user.id, tokenId: revoked.id });
    await createApiToken(test.db, input('expired', new Date(Date.now() - 1_000)));
    expect(await createApiTokenWithinLimit(test.db, input('first'), 3)).toMatchObject({ name: 'first' });
    // Two places left, six requests at once: without the lock every one of them counts one token.
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createApiTokenWithinLimit(test.db, input(`racing-${i}`), 3)),
    );
    expect(racing.filter((token) => token !== null)).toHaveLength(2);
    expect(await createApiTokenWithinLimit(test.db, input('over'), 3)).toBeNull();
    const other = await createTestUser(test.db, 'limit-other@example.com');
    expect(
      await createApiTokenWithinLimit(test.db, { ...input('theirs'), userId: other.id }, 3),
    ).not.toBeNull();
  });

  it('refuses a hash that is not SHA-256 hex, and deleting a user deletes their tokens', async () => {
    const user = await createTestUser(test.db, 'cascade@example.com');
    await expect(
      createApiToken(test.db, {
        userId: user.id,
        name: 'bad',
        tokenPrefix: 'ds_',
        tokenHash: 'plain-secret',
        scopes: [],
      }),
    ).rejects.toThrow();
    await createApiToken(test.db, {
      userId: user.id,
      name: 'ok',
      tokenPrefix: 'ds_',
      tokenHash: sha256('cascade'),
      scopes: [],
    });
    await test.db.delete(users).where(eq(users.id, user.id));
    expect(await listApiTokens(test.db, user.id)).toEqual([]);
  });
});
