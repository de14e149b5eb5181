import { createServer, type Server, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Readiness } from './readiness';

/** Metric names: one spelling for the code that emits them and the dashboards that chart them. */
export const METRIC_NAMES = {
  feedTicksPublished: 'deltastream_feed_ticks_published_total',
  feedChainsPublished: 'deltastream_feed_chains_published_total',
  workerJobs: 'deltastream_worker_jobs_total',
  workerJobDuration: 'deltastream_worker_job_duration_seconds',
  workerEventLatency: 'deltastream_worker_enqueue_to_event_seconds',
  workerDeadLettered: 'deltastream_worker_dead_lettered_total',
  workerAlertFirings: 'deltastream_worker_alert_firings_total',
  workerAlertEvaluation: 'deltastream_worker_alert_evaluation_seconds',
  queueDepth: 'deltastream_queue_jobs',
  queueOldestWaiting: 'deltastream_queue_oldest_waiting_seconds',
  dataAge: 'deltastream_data_age_seconds',
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
  /** What `/ready` answers: dependencies reachable, intake running, work getting done. */
  readiness: () => Promise<Readiness>;
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The operations endpoints of the feed and the worker. `/health` is liveness: the process answers, so its
 * event loop runs; it calls nothing, so a Redis or PostgreSQL outage never gets a pod restarted. `/ready`
 * is readiness: 200 or 503 with every check and the reason each failing one fails. `/metrics` is the
 * Prometheus text format.
 */
export async function startOpsServer({
  port,
  host = '0.0.0.0',
  registry,
  readiness,
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
    if (path === '/health') {
      answerJson(res, 200, { status: 'ok' });
      return;
    }
    if (path === '/ready') {
      readiness()
        .catch((error: unknown): Readiness => {
          const detail = error instanceof Error ? error.message : String(error);
          return { ready: false, checks: { readiness: { ok: false, detail } } };
        })
        .then(({ ready, ...facts }) =>
          answerJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', ...facts }),
        );
      return;
    }
    answerJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${path}` } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
