import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../server/openapi';
import { useWebTest } from '../server/test-harness';
import { docsRoute } from './docs';

const web = useWebTest({ API_RATE_LIMIT_PER_MINUTE: '1' });

describe('GET /api/docs', () => {
  it('serves the OpenAPI 3.1 document to anyone, outside the rate limit', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await web.call(docsRoute, '/api/docs');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
      expect(response.body).toEqual(openApiDocument());
    }
    expect(openApiDocument()).toMatchObject({ openapi: '3.1.0', info: { title: 'DeltaStream API' } });
  });
});
