import { LivenessResponseSchema, ReadinessResponseSchema } from '../contracts/rest';
import { storesAnswer } from '../server/stores';
import { defineRoute, json } from '../server/route';

/**
 * Liveness of the Next.js server: it answers, without calling anything, so an outage of Redis or
 * PostgreSQL makes pods unready (readinessRoute), never restarts them. At the site's root, where the
 * original API gateway answered `GET /health`, and in its shape.
 */
export const livenessRoute = defineRoute(
  {
    method: 'GET',
    path: '/health',
    access: 'public',
    tag: 'Operations',
    summary: 'Liveness',
    description: 'The server is up; no dependency is called (the Kubernetes liveness probe).',
    rateLimited: false,
    response: { status: 200, description: 'The server answers.', schema: LivenessResponseSchema },
  },
  async () => ({ status: 'healthy', service: 'web' }),
);

/** Readiness of the Next.js server: 200 when Redis and PostgreSQL both answer, 503 naming what does not. */
export const readinessRoute = defineRoute(
  {
    method: 'GET',
    path: '/ready',
    access: 'public',
    tag: 'Operations',
    summary: 'Readiness',
    description:
      '200 when Redis and PostgreSQL both answer; 503 naming the one that does not (the Kubernetes readiness probe).',
    rateLimited: false,
    response: { status: 200, description: 'Both stores answer.', schema: ReadinessResponseSchema },
    otherResponses: [
      { status: 503, description: 'A store does not answer.', schema: ReadinessResponseSchema },
    ],
  },
  async ({ ctx }) => {
    const stores = await storesAnswer(ctx);
    return json(stores, { status: stores.status === 'ok' ? 200 : 503 });
  },
);
