import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET } from '@deltastream/bus/auth-secret';
import { expectOwnAuthSecretOutsideDevelopment } from '@deltastream/bus/testing/auth-secret';
import { loadWebConfig } from './config';

describe('web config', () => {
  it('runs on the development secret in development and test', () => {
    expect(loadWebConfig({}).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
    expect(loadWebConfig({ NODE_ENV: 'test' }).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
  });

  it('refuses to start anywhere else without a secret of its own, naming AUTH_SECRET', () => {
    expectOwnAuthSecretOutsideDevelopment(loadWebConfig);
  });

  it('believes X-Forwarded-For from one proxy by default (the edge every deployment has), never from none', () => {
    expect(loadWebConfig({}).TRUSTED_PROXY_HOPS).toBe(1);
    expect(loadWebConfig({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    // Without a proxy, every X-Forwarded-For entry would be the client's own choice.
    expect(() => loadWebConfig({ TRUSTED_PROXY_HOPS: '0' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
