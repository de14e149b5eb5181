import { defineRoute } from '../server/route';

/** Prometheus text format: request latency by route, rate-limit refusals, sign-ins, process metrics. */
export const metricsRoute = defineRoute(
  {
    method: 'GET',
    path: '/api/metrics',
    access: 'public',
    tag: 'Operations',
    summary: 'Prometheus metrics',
    description: 'Request latency by route, rate-limit refusals, sign-ins and process metrics.',
    rateLimited: false,
    response: {
      status: 200,
      description: 'Prometheus text exposition format.',
      contentType: 'text/plain; version=0.0.4',
    },
  },
  async ({ ctx }) => {
    const { registry } = ctx.metrics;
    return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
  },
);
