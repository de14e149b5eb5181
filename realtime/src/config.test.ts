import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET } from '@deltastream/bus/auth-secret';
import { expectOwnAuthSecretOutsideDevelopment } from '@deltastream/bus/testing/auth-secret';
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
      REALTIME_CORS_ORIGINS: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      REALTIME_MAX_MESSAGE_BYTES: 16_384,
      REALTIME_CLIENT_EVENTS_PER_SECOND: 10,
      REALTIME_CLIENT_EVENT_BURST: 50,
      REALTIME_MAX_REFUSED_EVENTS: 20,
    });
    expect(config.PRODUCT_CATALOGUE).toBeUndefined();
  });

  it('parses operator values', () => {
    const config = loadRealtimeConfig({
      REALTIME_PORT: '9000',
      PUBLIC_MARKET_DATA: 'yes',
      MAX_SUBSCRIPTIONS_PER_CLIENT: '10',
      MAX_BUFFERED_MESSAGES: '20',
      REALTIME_CORS_ORIGINS: ' https://deltastream.example.com, http://localhost:8080 ,',
      REALTIME_MAX_MESSAGE_BYTES: '4096',
      REALTIME_CLIENT_EVENTS_PER_SECOND: '2.5',
      REALTIME_CLIENT_EVENT_BURST: '8',
      REALTIME_MAX_REFUSED_EVENTS: '3',
    });
    expect(config).toMatchObject({
      REALTIME_PORT: 9000,
      PUBLIC_MARKET_DATA: true,
      MAX_SUBSCRIPTIONS_PER_CLIENT: 10,
      MAX_BUFFERED_MESSAGES: 20,
      REALTIME_CORS_ORIGINS: ['https://deltastream.example.com', 'http://localhost:8080'],
      REALTIME_MAX_MESSAGE_BYTES: 4096,
      REALTIME_CLIENT_EVENTS_PER_SECOND: 2.5,
      REALTIME_CLIENT_EVENT_BURST: 8,
      REALTIME_MAX_REFUSED_EVENTS: 3,
    });
  });

  it.each([
    '*',
    'https://deltastream.example.com/',
    'https://deltastream.example.com/app',
    'deltastream.example.com',
    '',
  ])('refuses %j as REALTIME_CORS_ORIGINS, naming it', (origins) => {
    expect(() => loadRealtimeConfig({ REALTIME_CORS_ORIGINS: origins })).toThrow(/REALTIME_CORS_ORIGINS/);
  });

  it('refuses limits out of range, naming them', () => {
    expect(() => loadRealtimeConfig({ REALTIME_MAX_MESSAGE_BYTES: '100' })).toThrow(
      /REALTIME_MAX_MESSAGE_BYTES/,
    );
    expect(() => loadRealtimeConfig({ REALTIME_CLIENT_EVENTS_PER_SECOND: '0' })).toThrow(
      /REALTIME_CLIENT_EVENTS_PER_SECOND/,
    );
    expect(() => loadRealtimeConfig({ REALTIME_CLIENT_EVENT_BURST: '0' })).toThrow(
      /REALTIME_CLIENT_EVENT_BURST/,
    );
  });

  it('refuses the development secret outside development and test (staging too), naming AUTH_SECRET', () => {
    expect(loadRealtimeConfig({ NODE_ENV: 'test' }).AUTH_SECRET).toBe(DEVELOPMENT_AUTH_SECRET);
    expectOwnAuthSecretOutsideDevelopment(loadRealtimeConfig);
  });

  it('refuses a short secret and a bad port', () => {
    expect(() => loadRealtimeConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => loadRealtimeConfig({ REALTIME_PORT: 'x' })).toThrow(/REALTIME_PORT/);
  });
});
