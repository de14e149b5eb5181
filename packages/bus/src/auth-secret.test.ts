import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuthSecretSchema, DEVELOPMENT_AUTH_SECRET, refuseDevelopmentAuthSecret } from './auth-secret';

const Schema = z
  .object({ NODE_ENV: z.string(), AUTH_SECRET: AuthSecretSchema })
  .superRefine(refuseDevelopmentAuthSecret);
const own = 'a-secret-of-this-deployment-0123456789';

describe('the AUTH_SECRET rule', () => {
  it('lets development and test run on the public default', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(Schema.parse({ NODE_ENV }).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
    }
  });

  it('refuses the default, unset or written out, under any other NODE_ENV, naming AUTH_SECRET', () => {
    for (const NODE_ENV of ['production', 'staging', 'Development', '']) {
      for (const AUTH_SECRET of [undefined, DEVELOPMENT_AUTH_SECRET]) {
        const result = Schema.safeParse({ NODE_ENV, AUTH_SECRET });
        expect(result.success, `${NODE_ENV} ${AUTH_SECRET}`).toBe(false);
        expect(result.error?.issues).toEqual([
          expect.objectContaining({
            path: ['AUTH_SECRET'],
            message: expect.stringContaining(`"${NODE_ENV}"`),
          }),
        ]);
      }
      expect(Schema.parse({ NODE_ENV, AUTH_SECRET: own }).AUTH_SECRET).toBe(own);
    }
  });

  it('refuses a secret shorter than an HS256 key anywhere', () => {
    expect(Schema.safeParse({ NODE_ENV: 'development', AUTH_SECRET: 'short' }).success).toBe(false);
  });
});
