import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Metric names: one spelling for the code that emits them and the dashboards that chart them. */
export const METRIC_NAMES = {
  feedTicksPublished: 'deltastream_feed_ticks_published_total',
  feedChainsPublished: 'deltastream_feed_chains_published_total',
  workerJobs: 'deltastream_worker_jobs_total',
  workerJobDuration: 'deltastream_worker_job_duration_seconds',
  workerEventLatency: 'deltastream_worker_enqueue_to_event_seconds',
  workerDeadLettered: 'deltastream_worker_dead_lettered_total',
  queueDepth: 'deltastream_queue_jobs',
  realtimeConnectedClients: 'deltastream_realtime_connected_clients',
  realtimeRooms: 'deltastream_realtime_rooms',
  realtimeMessagesSent: 'deltastream_realtime_messages_sent_total',
  realtimeSendLatency: 'deltastream_realtime_send_latency_seconds',
  webRequestDuration: 'deltastream_web_request_duration_seconds',
  webRateLimited: 'deltastream_web_rate_limited_total',
  webLoginAttempts: 'deltastream_web_login_attempts_total',
} as const;

/** A registry with Node's default process metrics, labelled with the tier. */
export function createMetricsRegistry(tier: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ tier });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface OpsServerOptions {
  port: number;
  host?: string;
  registry: Registry;
  /** Readiness: dependencies reachable and intake running. Liveness (/health) shares it. */
  ready: () => Promise<boolean>;
}

/**
 * The operations endpoints every Node tier serves: `/health` and `/ready` (200 or 503 with a JSON
 * body), `/metrics` in Prometheus text format.
 */
export async function startOpsServer({
  port,
  host = '0.0.0.0',
  registry,
  ready,
}: OpsServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        })
        .catch((error: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(error.message);
        });
      return;
    }
    if (path === '/health' || path === '/ready') {
      ready()
        .catch(() => false)
        .then((ok) => {
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route ${path}` } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
