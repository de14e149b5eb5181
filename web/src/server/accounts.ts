import { hashPassword, verifyPassword } from '@deltastream/auth/passwords';
import {
  clearRateLimit,
  consumeRateLimit,
  peekRateLimit,
  RATE_LIMIT_KEYS,
} from '@deltastream/bus/rate-limit';
import { createUser, getUserByEmail, normaliseEmail, type User } from '@deltastream/db/queries';
import type { Credentials, Registration } from '../contracts/accounts';
import type { WebContext } from './context';
import { AppError, tooManyRequests } from './errors';

/** One message for every sign-in failure, so a caller cannot learn which addresses have accounts. */
export const INVALID_CREDENTIALS = 'invalid credentials';

/**
 * A hash verified when the address has no account, so an unknown address costs the same argon2id time
 * as a wrong password (no enumeration by timing).
 */
let decoyHash: Promise<string> | undefined;
const getDecoyHash = () => (decoyHash ??= hashPassword('decoy password never matched'));

/**
 * Checks an email and password for next-auth and `POST /api/auth/login`. Failed attempts are counted per
 * account and per address; once either reaches its limit the caller gets 429 with Retry-After until the
 * window ends, even with the right password. A success clears the account's count.
 */
export async function signInWithPassword(
  ctx: WebContext,
  credentials: Credentials,
  address: string,
): Promise<User> {
  const { LOGIN_ATTEMPTS_PER_ACCOUNT, LOGIN_ATTEMPTS_PER_IP, LOGIN_RATE_WINDOW_SECONDS } = ctx.config;
  const windowMs = LOGIN_RATE_WINDOW_SECONDS * 1000;
  const email = normaliseEmail(credentials.email);
  const accountKey = RATE_LIMIT_KEYS.loginAccount(email);
  const addressKey = RATE_LIMIT_KEYS.loginAddress(address);
  const [account, fromAddress] = await Promise.all([
    peekRateLimit(ctx.redis, accountKey, LOGIN_ATTEMPTS_PER_ACCOUNT, windowMs),
    peekRateLimit(ctx.redis, addressKey, LOGIN_ATTEMPTS_PER_IP, windowMs),
  ]);
  const blocked = [account, fromAddress].filter((state) => !state.allowed);
  if (blocked.length > 0) {
    ctx.metrics.loginAttempts.inc({ outcome: 'rate_limited' });
    ctx.metrics.rateLimited.inc({ limit: 'login' });
    throw tooManyRequests(
      (seconds) => `too many sign-in attempts; try again in ${seconds} s`,
      Math.max(...blocked.map((state) => state.resetMs)),
    );
  }

  const user = await getUserByEmail(ctx.db, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), credentials.password);
  if (!user || !matches) {
    ctx.metrics.loginAttempts.inc({ outcome: 'invalid' });
    await Promise.all([
      consumeRateLimit(ctx.redis, accountKey, LOGIN_ATTEMPTS_PER_ACCOUNT, windowMs),
      consumeRateLimit(ctx.redis, addressKey, LOGIN_ATTEMPTS_PER_IP, windowMs),
    ]);
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }
  ctx.metrics.loginAttempts.inc({ outcome: 'success' });
  await clearRateLimit(ctx.redis, accountKey);
  const { passwordHash: _passwordHash, ...signedIn } = user;
  return signedIn;
}

/**
 * Creates an account (argon2id hash, normalised email). Registrations are limited per address with the
 * sign-in window, so the endpoint cannot be used to probe addresses in bulk.
 */
export async function registerAccount(
  ctx: WebContext,
  registration: Registration,
  address: string,
): Promise<User> {
  const windowMs = ctx.config.LOGIN_RATE_WINDOW_SECONDS * 1000;
  const state = await consumeRateLimit(
    ctx.redis,
    RATE_LIMIT_KEYS.registerAddress(address),
    ctx.config.LOGIN_ATTEMPTS_PER_IP,
    windowMs,
  );
  if (!state.allowed) {
    ctx.metrics.rateLimited.inc({ limit: 'register' });
    throw tooManyRequests((seconds) => `too many registrations; try again in ${seconds} s`, state.resetMs);
  }
  const user = await createUser(ctx.db, {
    email: registration.email,
    passwordHash: await hashPassword(registration.password),
    name: registration.name ?? registration.email.split('@')[0] ?? registration.email,
  });
  if (!user) throw new AppError('CONFLICT', 'an account with this email already exists', { field: 'email' });
  return user;
}
