import { defineRoute, rawJson } from '../../../server/route';
import { openApiJson } from '../../../server/openapi';

/** The OpenAPI 3.1 document of this API, generated from the contract's zod schemas; /docs renders it. */
export const GET = defineRoute({ route: '/api/docs', access: 'public', rateLimited: false }, async () =>
  rawJson(openApiJson()),
);
