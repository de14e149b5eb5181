import { HealthResponseSchema } from '../contracts/rest';
import { storesAnswer } from '../server/stores';
import { defineRoute, json } from '../server/route';

/** Liveness and readiness of the Next.js server: 200 when Redis and PostgreSQL both answer, 503 naming what does not. */
export const healthRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/health',
    access: 'public',
    tag: 'Operations',
    summary: 'Health',
    description: '200 when Redis and PostgreSQL both answer; 503 naming the one that does not.',
    rateLimited: false,
    response: { status: 200, description: 'Both stores answer.', schema: HealthResponseSchema },
    otherResponses: [{ status: 503, description: 'A store does not answer.', schema: HealthResponseSchema }],
  },
  async ({ ctx }) => {
    const stores = await storesAnswer(ctx);
    return json(stores, { status: stores.status === 'ok' ? 200 : 503 });
  },
);
