import { hashPassword, verifyPassword } from '@deltastream/auth/passwords';
import {
  clearRateLimit,
  consumeRateLimit,
  RATE_LIMIT_KEYS,
  releaseAttempt,
  reserveAttempt,
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
 * Checks an email and password for the sign-in form and `POST /api/auth/login`. Each attempt is reserved
 * against the account's and the address's counters, atomically and before the password is verified, so
 * parallel attempts cannot slip past a check made before any of them was counted: once either counter is
 * at its limit the caller gets 429 with Retry-After until the window ends, even with the right password.
 * A failure keeps its reservation; a success clears the account's count and gives the address its
 * reservation back, so only failures count against either.
 */
export async function signInWithPassword(
  ctx: WebContext,
  credentials: Credentials,
  address: string,
): Promise<User> {
  const { LOGIN_ATTEMPTS_PER_ACCOUNT, LOGIN_ATTEMPTS_PER_IP, LOGIN_RATE_WINDOW_SECONDS } = ctx.config;
  const email = normaliseEmail(credentials.email);
  const accountKey = RATE_LIMIT_KEYS.loginAccount(email);
  const addressKey = RATE_LIMIT_KEYS.loginAddress(address);
  const reservation = await reserveAttempt(
    ctx.redis,
    [
      { key: accountKey, limit: LOGIN_ATTEMPTS_PER_ACCOUNT },
      { key: addressKey, limit: LOGIN_ATTEMPTS_PER_IP },
    ],
    LOGIN_RATE_WINDOW_SECONDS * 1000,
  );
  if (!reservation.reserved) {
    ctx.metrics.loginAttempts.inc({ outcome: 'rate_limited' });
    ctx.metrics.rateLimited.inc({ limit: 'login' });
    throw tooManyRequests(
      (seconds) => `too many sign-in attempts; try again in ${seconds} s`,
      reservation.resetMs,
    );
  }

  const user = await getUserByEmail(ctx.db, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), credentials.password);
  if (!user || !matches) {
    ctx.metrics.loginAttempts.inc({ outcome: 'invalid' });
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }
  ctx.metrics.loginAttempts.inc({ outcome: 'success' });
  await Promise.all([clearRateLimit(ctx.redis, accountKey), releaseAttempt(ctx.redis, addressKey)]);
  const { passwordHash: _passwordHash, ...signedIn } = user;
  return signedIn;
}

/** What registration answers, whether or not the address already had an account. */
export const REGISTRATION_ACCEPTED = 'registered, unless this email already has an account: sign in with it';

/**
 * Creates an account (argon2id hash, normalised email) when the address has none. The caller is told the
 * same either way, after the same work (the password is hashed and the insert tried whether or not the
 * address is taken), so registration cannot be used to learn which addresses have accounts; signing in
 * is the only way to find out, and its limits bound that. Registrations are also limited per address.
 * Returns the account created, or null when the address was taken.
 */
export async function registerAccount(
  ctx: WebContext,
  registration: Registration,
  address: string,
): Promise<User | null> {
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
  return createUser(ctx.db, {
    email: registration.email,
    passwordHash: await hashPassword(registration.password),
    name: registration.name ?? registration.email.split('@')[0] ?? registration.email,
  });
}
