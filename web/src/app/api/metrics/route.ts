import { defineRoute } from '../../../server/route';

/** Prometheus text format: request latency by route, rate-limit refusals, sign-ins, process metrics. */
export const GET = defineRoute(
  { route: '/api/metrics', access: 'public', rateLimited: false },
  async ({ ctx }) => {
    const { registry } = ctx.metrics;
    return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
  },
);
