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
  close(): void;
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
  let subscribed = false;
  // Named after its channel, so CLIENT LIST tells an operator what the connection is for.
  const subscriber = createRedis(options.redisUrl, 'subscriber', {
    prefix: options.redisPrefix,
    connectionName: `revocations:${channel}`,
  });
  const subscribedName = channelName(subscriber, channel);

  const forgetAll = () => {
    subscribed = false;
    entries.clear();
  };
  // 'ready' follows every (re)connection; subscribing again is harmless when ioredis already has.
  subscriber.on('ready', () => {
    subscriber.subscribe(subscribedName).then(
      () => {
        subscribed = true;
      },
      (error: unknown) => options.logger.warn({ err: error, channel }, 'revocation channel unavailable'),
    );
  });
  subscriber.on('close', forgetAll);
  subscriber.on('error', (error: Error) =>
    options.logger.warn({ err: error, channel }, 'revocation subscriber error'),
  );
  subscriber.on('message', (from: string, key: string) => {
    if (from === subscribedName) entries.delete(key);
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
    close() {
      forgetAll();
      subscriber.disconnect();
    },
  };
}
