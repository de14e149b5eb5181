import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@deltastream/bus/logger';
import { createRedis } from '@deltastream/bus/redis';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { createUser } from '@deltastream/db/queries';
import { createTestDatabase, type TestDatabase } from '@deltastream/db/testing';
import { issueAccessToken } from './access-tokens';
import { createApiTokenLookup, type ApiTokenLookup } from './api-token-lookup';
import { generateApiToken } from './api-tokens';
import { authenticate, type AuthenticateDeps } from './authenticate';
import { createTestApiToken } from './testing';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = testRedisPrefix('auth');
const redis = createRedis(redisUrl, 'command', { prefix: redisPrefix });
const authSecret = 'a-test-secret-of-at-least-thirty-two-chars';
const claims = { sub: 'user-1', email: 'trader@desk.example', role: 'user' as const };
let database: TestDatabase;
let apiTokens: ApiTokenLookup;
let deps: AuthenticateDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  apiTokens = createApiTokenLookup({
    db: database.db,
    redis,
    redisUrl,
    redisPrefix,
    logger: createLogger('test', 'silent'),
  });
  deps = { authSecret, apiTokens };
});

afterAll(async () => {
  apiTokens?.close();
  redis.disconnect();
  await database?.drop();
});

describe('authenticate', () => {
  it('finds an API token through the lookup, with its known scopes, id, hash and expiry', async () => {
    const user = await createUser(database.db, {
      email: 'script@desk.example',
      passwordHash: 'x',
      name: 'Script',
      role: 'admin',
    });
    if (!user) throw new Error('user not created');
    const expiresAt = new Date(Date.now() + 86_400_000);
    const script = await createTestApiToken(database.db, {
      userId: user.id,
      name: 'script',
      scopes: ['read:stream', 'write:unknown'],
      expiresAt,
    });
    expect(await authenticate(script.token, deps)).toEqual({
      ok: true,
      principal: {
        kind: 'user',
        userId: user.id,
        email: 'script@desk.example',
        role: 'admin',
        via: 'api-token',
        scopes: ['read:stream'],
        expiresAt,
        tokenId: script.id,
        tokenHash: script.tokenHash,
      },
    });
    expect(await authenticate(generateApiToken().token, deps)).toEqual({
      ok: false,
      reason: 'unknown-api-token',
      message: 'unknown, revoked or expired API token',
    });
  });

  it('verifies anything else as an access token, with every scope until it expires', async () => {
    const now = new Date('2026-11-24T09:00:00Z');
    const { token, expiresAt } = await issueAccessToken(authSecret, claims, { ttlSeconds: 60, now });
    expect(await authenticate(token, { ...deps, now })).toEqual({
      ok: true,
      principal: {
        kind: 'user',
        userId: 'user-1',
        email: 'trader@desk.example',
        role: 'user',
        via: 'access-token',
        scopes: ['read:market', 'read:stream'],
        expiresAt,
      },
    });
    expect(await authenticate(token, { ...deps, now: new Date('2026-11-24T09:01:00Z') })).toEqual({
      ok: false,
      reason: 'token-expired',
      message: 'token expired',
    });
    for (const bad of ['garbage', token.slice(0, -2)]) {
      expect(await authenticate(bad, { ...deps, now })).toEqual({
        ok: false,
        reason: 'invalid-token',
        message: 'invalid token',
      });
    }
  });
});
