import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET } from '@deltastream/bus/auth-secret';
import { ConfigError } from '@deltastream/bus/env';
import { loadWebConfig } from './config';

describe('web config', () => {
  it('runs on the development secret in development and test', () => {
    expect(loadWebConfig({}).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
    expect(loadWebConfig({ NODE_ENV: 'test' }).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
  });

  it('refuses to start anywhere else without a secret of its own, naming AUTH_SECRET', () => {
    for (const NODE_ENV of ['production', 'staging']) {
      for (const env of [{ NODE_ENV }, { NODE_ENV, AUTH_SECRET: DEVELOPMENT_AUTH_SECRET }]) {
        expect(() => loadWebConfig(env)).toThrow(ConfigError);
        expect(() => loadWebConfig(env)).toThrow(/AUTH_SECRET: .*NODE_ENV is "(production|staging)"/);
      }
      const secret = 'a-deployment-secret-of-enough-length-42';
      expect(loadWebConfig({ NODE_ENV, AUTH_SECRET: secret })).toMatchObject({
        NODE_ENV,
        AUTH_SECRET: secret,
      });
    }
  });

  it('believes X-Forwarded-For from one proxy by default (the edge every deployment has), never from none', () => {
    expect(loadWebConfig({}).TRUSTED_PROXY_HOPS).toBe(1);
    expect(loadWebConfig({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    // Without a proxy, every X-Forwarded-For entry would be the client's own choice.
    expect(() => loadWebConfig({ TRUSTED_PROXY_HOPS: '0' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
