import type { Redis } from 'ioredis';
import { z } from 'zod';
import { API_TOKEN_REVOKED_CHANNEL, CACHE_KEYS, CACHE_TTL_SECONDS } from '@deltastream/bus/cache';
import type { Logger } from '@deltastream/bus/logger';
import type { Db } from '@deltastream/db/client';
import { findActiveApiTokenByHash, revokeApiToken, touchApiToken } from '@deltastream/db/queries';
import { createRevocableCache, type RevocationFollower } from './revocable-cache';

/** An API token's owner and scopes as looked up by the token's hash (the shape cached in Redis). */
const ApiTokenOwnerSchema = z.object({
  tokenId: z.string(),
  userId: z.string(),
  email: z.string(),
  role: z.enum(['user', 'admin']),
  scopes: z.array(z.string()),
  expiresAt: z.string().nullable(),
});
export type ApiTokenOwner = z.infer<typeof ApiTokenOwnerSchema>;

/**
 * The one way every tier finds who an API token belongs to, and the one way a token is revoked. Lookups
 * are held by this process (a hit costs nothing), then cached in Redis (a hit costs a round trip), then
 * read from PostgreSQL.
 */
export interface ApiTokenLookup {
  /** The live token with this SHA-256 and its owner; null when it is unknown, revoked or expired. */
  find(tokenHash: string): Promise<ApiTokenOwner | null>;
  /**
   * Revokes one of the user's tokens in PostgreSQL, deletes its Redis entry, drops this process's copy at
   * once and publishes its hash so every other process drops theirs. False when the user has no such
   * active token.
   */
  revoke(query: { userId: string; tokenId: string }): Promise<boolean>;
  /**
   * Tells `follower` the hash of every token revoked anywhere as the news arrives, and when news may have
   * been missed: holders of open connections drop or check theirs. Returns a function that stops it.
   */
  follow(follower: RevocationFollower): () => void;
  close(): void;
}

export interface ApiTokenLookupOptions {
  db: Db;
  /** A command connection (the Redis cache, and revocations are published on it). */
  redis: Redis;
  /** The revocation subscriber opens a connection of its own, in the deployment's namespace. */
  redisUrl: string;
  redisPrefix: string;
  logger: Logger;
}

/**
 * How long a process trusts its copy of a lookup. Revocations arrive by pub/sub within milliseconds; this
 * bounds a copy's life should one be lost anyway.
 */
const HOLD_MS = 5_000;
const MAX_HELD = 10_000;

const isLive = (owner: ApiTokenOwner) => owner.expiresAt === null || Date.parse(owner.expiresAt) > Date.now();

export function createApiTokenLookup({
  db,
  redis,
  redisUrl,
  redisPrefix,
  logger,
}: ApiTokenLookupOptions): ApiTokenLookup {
  // The revocation channel's one user.
  const held = createRevocableCache<ApiTokenOwner>({
    redisUrl,
    redisPrefix,
    publisher: redis,
    channel: API_TOKEN_REVOKED_CHANNEL,
    ttlMs: HOLD_MS,
    maxEntries: MAX_HELD,
    logger,
  });

  return {
    // PostgreSQL is read only when Redis misses, and records the use then: `last_used_at` is accurate
    // to the Redis entry's lifetime.
    async find(tokenHash) {
      const copy = held.get(tokenHash);
      if (copy && isLive(copy)) return copy;
      const key = CACHE_KEYS.apiToken(tokenHash);
      const cached = await redis.get(key);
      if (cached !== null) {
        const parsed = ApiTokenOwnerSchema.safeParse(JSON.parse(cached));
        if (parsed.success && isLive(parsed.data)) {
          held.set(tokenHash, parsed.data);
          return parsed.data;
        }
      }
      const found = await findActiveApiTokenByHash(db, tokenHash);
      if (!found) return null;
      const owner: ApiTokenOwner = {
        tokenId: found.token.id,
        userId: found.user.id,
        email: found.user.email,
        role: found.user.role,
        scopes: found.token.scopes,
        expiresAt: found.token.expiresAt?.toISOString() ?? null,
      };
      await Promise.all([
        redis.set(key, JSON.stringify(owner), 'EX', CACHE_TTL_SECONDS.apiToken),
        touchApiToken(db, found.token.id),
      ]);
      held.set(tokenHash, owner);
      return owner;
    },
    async revoke(query) {
      const revoked = await revokeApiToken(db, query);
      if (!revoked) return false;
      await redis.del(CACHE_KEYS.apiToken(revoked.tokenHash));
      await held.revoke(revoked.tokenHash);
      return true;
    },
    follow(follower) {
      return held.follow(follower);
    },
    close() {
      held.close();
    },
  };
}
