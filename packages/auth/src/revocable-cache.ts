import type { Redis } from 'ioredis';
import type { Logger } from '@deltastream/bus/logger';
import { channelName, createRedis } from '@deltastream/bus/redis';

/**
 * A process's own short-lived copies of values that can be revoked, such as API-token lookups: a hit
 * costs no Redis round trip. A revocation is published on `channel` and every process drops its copy
 * when the message arrives (milliseconds). Copies are kept only while this process is subscribed, all of
 * them are dropped when the subscription is lost (messages may have been missed), and none outlives
 * `ttlMs` in any case.
 */
export interface RevocableCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Drops `key` here at once, and in every other process through `channel`. */
  revoke(key: string): Promise<void>;
  /** Tells `follower` of revocations as they arrive, until the returned function is called. */
  follow(follower: RevocationFollower): () => void;
  close(): void;
}

/** What a process holding more than copies (open connections, say) needs to hear. */
export interface RevocationFollower {
  /** `key` was revoked, in this process or another one. */
  revoked(key: string): void;
  /**
   * The subscription is in place, for the first time or again after it was lost: revocations sent while
   * it was not reached nobody here, so whatever the follower holds must be checked afresh.
   */
  subscribed(): void;
}

export interface RevocableCacheOptions {
  redisUrl: string;
  /** The deployment's Redis namespace (REDIS_PREFIX): the channel lives in it. */
  redisPrefix: string;
  /** The connection revocations are published on (any command connection). */
  publisher: Redis;
  channel: string;
  ttlMs: number;
  /** Bounds the copies; the oldest are dropped first. */
  maxEntries: number;
  logger: Logger;
}

export function createRevocableCache<T>(options: RevocableCacheOptions): RevocableCache<T> {
  const { channel, ttlMs, maxEntries } = options;
  const entries = new Map<string, { value: T; untilMs: number }>();
  const followers = new Set<RevocationFollower>();
  let subscribed = false;
  // Named after its channel, so CLIENT LIST tells an operator what the connection is for.
  const subscriber = createRedis(options.redisUrl, 'subscriber', {
    prefix: options.redisPrefix,
    connectionName: `revocations:${channel}`,
  });
  const subscribedName = channelName(subscriber, channel);

  const tell = (event: (follower: RevocationFollower) => void) => {
    for (const follower of followers) {
      try {
        event(follower);
      } catch (error) {
        options.logger.error({ err: error, channel }, 'a revocation follower failed');
      }
    }
  };
  const forgetAll = () => {
    subscribed = false;
    entries.clear();
  };
  // 'ready' follows every (re)connection; subscribing again is harmless when ioredis already has.
  subscriber.on('ready', () => {
    subscriber.subscribe(subscribedName).then(
      () => {
        subscribed = true;
        tell((follower) => follower.subscribed());
      },
      (error: unknown) => options.logger.warn({ err: error, channel }, 'revocation channel unavailable'),
    );
  });
  subscriber.on('close', forgetAll);
  subscriber.on('error', (error: Error) =>
    options.logger.warn({ err: error, channel }, 'revocation subscriber error'),
  );
  subscriber.on('message', (from: string, key: string) => {
    if (from !== subscribedName) return;
    entries.delete(key);
    tell((follower) => follower.revoked(key));
  });

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.untilMs > Date.now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      if (!subscribed) return;
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, untilMs: Date.now() + ttlMs });
    },
    async revoke(key) {
      entries.delete(key);
      await options.publisher.publish(channelName(options.publisher, channel), key);
    },
    follow(follower) {
      followers.add(follower);
      return () => followers.delete(follower);
    },
    close() {
      followers.clear();
      forgetAll();
      subscriber.disconnect();
    },
  };
}
