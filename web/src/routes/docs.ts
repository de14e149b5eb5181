import { openApiJson } from '../server/openapi';
import { defineRoute, rawJson } from '../server/route';

/** The OpenAPI 3.1 document of this API, generated from the route registry; /docs renders it. */
export const docsRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/docs',
    access: 'public',
    tag: 'Operations',
    summary: 'This document',
    description:
      'OpenAPI 3.1, generated from the route specs and the zod schemas they validate with. Read it at /docs.',
    rateLimited: false,
    response: { status: 200, description: 'The OpenAPI document.' },
  },
  async () => rawJson(openApiJson()),
);
