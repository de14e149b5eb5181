import type { Redis } from 'ioredis';
import { redisScript, runScript } from './redis';

/** Counter keys, one per limited subject; each lives for its window. */
export const RATE_LIMIT_KEYS = {
  api: (subject: string) => `ratelimit:api:${subject}`,
  loginAccount: (email: string) => `ratelimit:login:account:${email}`,
  loginAddress: (address: string) => `ratelimit:login:ip:${address}`,
  registerAddress: (address: string) => `ratelimit:register:ip:${address}`,
} as const;

export interface RateLimitState {
  /** Requests counted in the current window, this one included when it was consumed. */
  count: number;
  limit: number;
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetMs: number;
}

/**
 * A fixed window: the first hit starts it with a TTL, later hits increment it, all in one round trip
 * (so pods sharing Redis share the count). Returns {count, pttl}.
 */
const CONSUME = redisScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`);

function state(count: number, ttlMs: number, limit: number, windowMs: number): RateLimitState {
  return {
    count,
    limit,
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    resetMs: ttlMs > 0 ? ttlMs : windowMs,
  };
}

/** Counts one hit against `key` and says whether it is within `limit` per `windowMs`. */
export async function consumeRateLimit(
  redis: Redis,
  key: string,
  limit: number,
  windowMs: number,
): Promise<RateLimitState> {
  const [count, ttlMs] = (await runScript(redis, CONSUME, [key], [windowMs])) as [number, number];
  return state(count, ttlMs, limit, windowMs);
}

/**
 * The state of `key` without counting a hit: sign-in checks this before verifying a password and only
 * counts failures, so a user who signs in correctly is never locked out by their own successes.
 */
export async function peekRateLimit(
  redis: Redis,
  key: string,
  limit: number,
  windowMs: number,
): Promise<RateLimitState> {
  const [count, ttlMs] = await Promise.all([redis.get(key), redis.pttl(key)]);
  const hits = Number(count ?? 0);
  return { ...state(hits, ttlMs, limit, windowMs), allowed: hits < limit };
}

export async function clearRateLimit(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}
