import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisPrefix } from '@deltastream/bus/testing';
import { closeContext, getContext } from '../server/context';
import { livenessRoute, readinessRoute } from './health';

/**
 * web with both stores unreachable (nothing listens on port 1): liveness must still answer, readiness
 * must say what is down. Route tests elsewhere run with both stores up.
 */
beforeAll(() => {
  Object.assign(process.env, {
    REDIS_URL: 'redis://127.0.0.1:1',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/deltastream',
    REDIS_PREFIX: testRedisPrefix('health'),
    LOG_LEVEL: 'silent',
  });
  getContext().redis.on('error', () => {});
});
afterAll(async () => {
  await closeContext();
});

const get = (route: typeof livenessRoute, path: string) =>
  route.handle(
    new Request(`http://localhost:3000${path}`, { headers: { 'x-forwarded-for': '10.9.9.9' } }),
    {},
  );

describe('liveness and readiness', () => {
  it('answers GET /health at once, in the original gateway’s shape, with Redis and PostgreSQL down', async () => {
    const started = performance.now();
    const answer = await get(livenessRoute, '/health');
    expect(performance.now() - started).toBeLessThan(250);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'healthy', service: 'web' });
  });

  it('answers GET /ready 503, naming both stores down', async () => {
    const answer = await get(readinessRoute, '/ready');
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ status: 'unavailable', redis: 'down', postgres: 'down' });
  });
});
