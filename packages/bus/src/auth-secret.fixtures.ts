import { expect } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET } from './auth-secret';
import { ConfigError } from './env';

/**
 * Asserts that a tier's config loader applies the AUTH_SECRET rule (refuseDevelopmentAuthSecret): under
 * production and staging it refuses the development secret, unset or written out, naming AUTH_SECRET,
 * and loads with a secret of the deployment's own.
 */
export function expectOwnAuthSecretOutsideDevelopment(
  load: (env: Record<string, string | undefined>) => { NODE_ENV: string; AUTH_SECRET: string },
): void {
  for (const NODE_ENV of ['production', 'staging']) {
    for (const env of [{ NODE_ENV }, { NODE_ENV, AUTH_SECRET: DEVELOPMENT_AUTH_SECRET }]) {
      expect(() => load(env)).toThrow(ConfigError);
      expect(() => load(env)).toThrow(/AUTH_SECRET: .*NODE_ENV is "(production|staging)"/);
    }
    const secret = 'a-deployment-secret-of-enough-length-42';
    expect(load({ NODE_ENV, AUTH_SECRET: secret })).toMatchObject({
      NODE_ENV,
      AUTH_SECRET: secret,
    });
  }
}
