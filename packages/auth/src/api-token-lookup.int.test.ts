import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_KEYS } from '@deltastream/bus/cache';
import { createLogger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { listApiTokens, type User } from '@deltastream/db/queries';
import { createTestDatabase, createTestUser, type TestDatabase } from '@deltastream/db/testing';
import { createApiTokenLookup, type ApiTokenLookup } from './api-token-lookup';
import { generateApiToken } from './api-tokens';
import { createTestApiToken } from './testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = testRedisPrefix('auth');
const redis = createRedis(redisUrl, 'command', { prefix: redisPrefix });
const logger = createLogger('test', 'silent');
const opened: ApiTokenLookup[] = [];
let database: TestDatabase;
let user: User;

/** The lookup as one process (web or a gateway pod) holds it, once it hears revocations (and holds copies). */
async function processLookup(): Promise<ApiTokenLookup> {
  const lookup = createApiTokenLookup({ db: database.db, redis, redisUrl, redisPrefix, logger });
  opened.push(lookup);
  await new Promise<void>((resolve) => lookup.follow({ revoked: () => {}, subscribed: resolve }));
  return lookup;
}

function newToken(scopes = ['read:market']) {
  return createTestApiToken(database.db, { userId: user.id, name: 'script', scopes });
}

beforeAll(async () => {
  database = await createTestDatabase();
  user = await createTestUser(database.db, 'lookup@example.com');
});

afterAll(async () => {
  for (const lookup of opened) lookup.close();
  redis.disconnect();
  await database?.drop();
});

describe('API-token lookup', () => {
  it('reads PostgreSQL once, records the use, and serves the owner from Redis afterwards', async () => {
    const token = await newToken();
    const lookup = await processLookup();
    const owner = {
      tokenId: token.id,
      userId: user.id,
      email: 'lookup@example.com',
      role: 'user',
      scopes: ['read:market'],
      expiresAt: null,
    };
    expect(await lookup.find(token.tokenHash)).toEqual(owner);
    expect(JSON.parse((await redis.get(CACHE_KEYS.apiToken(token.tokenHash))) ?? 'null')).toEqual(owner);
    const [listed] = await listApiTokens(database.db, user.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(await (await processLookup()).find(token.tokenHash)).toEqual(owner);
    expect(await lookup.find(generateApiToken().tokenHash)).toBeNull();
  });

  it('revokes everywhere: PostgreSQL, Redis, every process and every follower', async () => {
    const token = await newToken();
    const kept = await newToken();
    const [web, gateway] = [await processLookup(), await processLookup()];
    const heard: string[] = [];
    gateway.follow({ revoked: (hash) => heard.push(hash), subscribed: () => {} });
    // Both processes hold a copy now: only the revocation message can make the gateway drop its own.
    for (const lookup of [web, gateway]) expect(await lookup.find(token.tokenHash)).not.toBeNull();

    expect(await web.revoke({ userId: user.id, tokenId: token.id })).toBe(true);
    expect(await redis.exists(CACHE_KEYS.apiToken(token.tokenHash))).toBe(0);
    expect(await web.find(token.tokenHash)).toBeNull();
    await expect.poll(() => heard).toEqual([token.tokenHash]);
    expect(await gateway.find(token.tokenHash)).toBeNull();
    expect(await gateway.find(kept.tokenHash)).not.toBeNull();

    expect(await web.revoke({ userId: user.id, tokenId: token.id })).toBe(false);
    expect(await web.revoke({ userId: user.id, tokenId: kept.id })).toBe(true);
  });
});
