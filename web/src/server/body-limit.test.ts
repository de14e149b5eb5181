import { describe, expect, it } from 'vitest';
import { EDGE_MAX_BODY_BYTES } from '@deltastream/bus/edge-routes';
import { NEXT_AUTH_ENDPOINTS } from '../routes/next-auth-endpoints';
import { ROUTES } from '../routes/registry';
import {
  ANALYZE_BODY_LIMIT_BYTES,
  AUTH_BODY_LIMIT_BYTES,
  DEFAULT_BODY_LIMIT_BYTES,
  STRATEGY_BODY_LIMIT_BYTES,
} from './body-limit';

const withBody = [...ROUTES.map((route) => route.spec), ...NEXT_AUTH_ENDPOINTS].filter((spec) => spec.body);
const limitOf = (spec: (typeof withBody)[number]) => spec.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES;

describe('body limits', () => {
  it('give every sign-in, registration and token route the small auth limit', () => {
    const auth = withBody.filter((spec) => spec.path.startsWith('/api/auth/'));
    expect(auth.map((spec) => spec.path)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/register', '/api/auth/form/signin']),
    );
    for (const spec of auth) expect(limitOf(spec), spec.path).toBe(AUTH_BODY_LIMIT_BYTES);
  });

  it('size the analyses for their largest valid bodies, and keep every limit within what the edge passes on', () => {
    const analyze = withBody.find((spec) => spec.path === '/api/analytics/analyze');
    expect(analyze && limitOf(analyze)).toBe(ANALYZE_BODY_LIMIT_BYTES);
    const strategy = withBody.find((spec) => spec.path === '/api/strategies/analyze');
    expect(strategy && limitOf(strategy)).toBe(STRATEGY_BODY_LIMIT_BYTES);
    expect(Math.max(...withBody.map(limitOf))).toBe(EDGE_MAX_BODY_BYTES);
    const others = withBody.filter(
      (spec) => !spec.path.startsWith('/api/auth/') && spec !== analyze && spec !== strategy,
    );
    for (const spec of others) expect(limitOf(spec), spec.path).toBe(DEFAULT_BODY_LIMIT_BYTES);
  });
});
