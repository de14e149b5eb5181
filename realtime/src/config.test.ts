import { describe, expect, it } from 'vitest';
import { ConfigError } from '@deltastream/bus/env';
import { DEVELOPMENT_AUTH_SECRET } from '@deltastream/bus/auth-secret';
import { loadRealtimeConfig } from './config';

describe('realtime config', () => {
  it('has development defaults', () => {
    const config = loadRealtimeConfig({});
    expect(config).toMatchObject({
      REALTIME_PORT: 8002,
      PUBLIC_MARKET_DATA: false,
      AUTH_SECRET: DEVELOPMENT_AUTH_SECRET,
      MAX_SUBSCRIPTIONS_PER_CLIENT: 50,
      MAX_BUFFERED_MESSAGES: 200,
    });
    expect(config.PRODUCT_CATALOGUE).toBeUndefined();
  });

  it('parses operator values', () => {
    const config = loadRealtimeConfig({
      REALTIME_PORT: '9000',
      PUBLIC_MARKET_DATA: 'yes',
      MAX_SUBSCRIPTIONS_PER_CLIENT: '10',
      MAX_BUFFERED_MESSAGES: '20',
    });
    expect(config).toMatchObject({
      REALTIME_PORT: 9000,
      PUBLIC_MARKET_DATA: true,
      MAX_SUBSCRIPTIONS_PER_CLIENT: 10,
      MAX_BUFFERED_MESSAGES: 20,
    });
  });

  it('refuses the development secret outside development and test (staging too), naming AUTH_SECRET', () => {
    expect(loadRealtimeConfig({ NODE_ENV: 'test' }).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
    for (const NODE_ENV of ['production', 'staging']) {
      for (const env of [{ NODE_ENV }, { NODE_ENV, AUTH_SECRET: DEVELOPMENT_AUTH_SECRET }]) {
        expect(() => loadRealtimeConfig(env)).toThrow(ConfigError);
        expect(() => loadRealtimeConfig(env)).toThrow(/AUTH_SECRET: .*NODE_ENV is "(production|staging)"/);
      }
      const secret = 'a-deployment-secret-of-enough-length-42';
      expect(loadRealtimeConfig({ NODE_ENV, AUTH_SECRET: secret })).toMatchObject({
        NODE_ENV,
        AUTH_SECRET: secret,
      });
    }
  });

  it('refuses a short secret and a bad port', () => {
    expect(() => loadRealtimeConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => loadRealtimeConfig({ REALTIME_PORT: 'x' })).toThrow(/REALTIME_PORT/);
  });
});
