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

/** One counter of a reservation: its key and how many hits its window allows. */
export interface RateLimitCounter {
  key: string;
  limit: number;
}

/**
 * Reserves one hit on every counter at once, or on none when any is at its limit, in one script: checks
 * and increments cannot interleave with another caller's, so however many requests race, no more than
 * `limit` ever pass in a window. Returns {1, 0} when reserved, else {0, the longest wait of the full
 * counters in ms}. ARGV[1] is the window; ARGV[1 + i] the limit of KEYS[i].
 */
const RESERVE = redisScript(`
local wait = -1
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = tonumber(ARGV[1]) end
    if ttl > wait then wait = ttl end
  end
end
if wait >= 0 then return {0, wait} end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 or redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
  end
end
return {1, 0}
`);

/** Gives one reserved hit back, never below zero and never touching the window (DECR keeps the TTL). */
const RELEASE = redisScript(`
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0
`);

export type Reservation = { reserved: true } | { reserved: false; resetMs: number };

/**
 * Reserves one attempt against every counter before the attempt is made (sign-in reserves against the
 * account and the address before verifying a password), so parallel attempts cannot all pass a check
 * made before any of them was counted.
 */
export async function reserveAttempt(
  redis: Redis,
  counters: readonly RateLimitCounter[],
  windowMs: number,
): Promise<Reservation> {
  const [reserved, waitMs] = (await runScript(
    redis,
    RESERVE,
    counters.map((counter) => counter.key),
    [windowMs, ...counters.map((counter) => counter.limit)],
  )) as [number, number];
  return reserved === 1 ? { reserved: true } : { reserved: false, resetMs: waitMs };
}

/** Returns a reserved attempt to `key` (a sign-in that succeeded does not count against its address). */
export async function releaseAttempt(redis: Redis, key: string): Promise<void> {
  await runScript(redis, RELEASE, [key], []);
}

export async function clearRateLimit(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}
