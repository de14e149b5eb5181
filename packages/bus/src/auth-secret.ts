import { z } from 'zod';

/** Shortest secret accepted: 32 bytes, the HS256 key size. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The secret web and realtime share when `AUTH_SECRET` is unset, so a developer's quick start signs and
 * verifies the same tokens. It is public (it is in this file), so only local runs may use it.
 */
export const DEVELOPMENT_AUTH_SECRET = 'development-only-secret-change-me-0123456789';

/**
 * The NODE_ENV values of a developer's machine and of the test suite. Every other value — production,
 * staging, a typo — is a deployment: failing closed there costs a start-up error, failing open would sign
 * tokens with a public secret.
 */
const LOCAL_NODE_ENVS: readonly string[] = ['development', 'test'];

/** `AUTH_SECRET` as web and realtime read it: the development default only serves local runs (below). */
export const AuthSecretSchema = z.string().min(MIN_SECRET_LENGTH).default(DEVELOPMENT_AUTH_SECRET);

/**
 * The rule both tiers' configs apply (as their schema's `superRefine`): outside development and test, a
 * tier refuses to start unless AUTH_SECRET is set to a secret of its own. Unset and set to the
 * development default are the same case, as the schema fills the default in.
 */
export function refuseDevelopmentAuthSecret(
  env: { NODE_ENV: string; AUTH_SECRET: string },
  ctx: z.RefinementCtx,
): void {
  if (LOCAL_NODE_ENVS.includes(env.NODE_ENV) || env.AUTH_SECRET !== DEVELOPMENT_AUTH_SECRET) return;
  ctx.addIssue({
    code: 'custom',
    path: ['AUTH_SECRET'],
    message:
      `must be set to a secret of at least ${MIN_SECRET_LENGTH} characters when NODE_ENV is ` +
      `"${env.NODE_ENV}": the development default serves only NODE_ENV=development or test`,
  });
}
