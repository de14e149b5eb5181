import { Counter, Histogram, type Registry } from 'prom-client';
import { METRIC_NAMES } from './metrics';

/**
 * The worker's own Prometheus metrics: what it finished and how fast. The pipeline's state (queue depth,
 * data age) is in pipeline-metrics.ts, which the feed serves too.
 */
export function createWorkerMetrics(registry: Registry) {
  return {
    jobs: new Counter({
      name: METRIC_NAMES.workerJobs,
      help: 'Jobs finished by this worker, by queue and outcome (inserted, duplicate, failed).',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: METRIC_NAMES.workerJobDuration,
      help: 'Time from a job becoming active to its completion, seconds.',
      labelNames: ['queue'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    eventLatency: new Histogram({
      name: METRIC_NAMES.workerEventLatency,
      help: 'Time from enqueue by the feed to the enriched event being published, seconds.',
      labelNames: ['queue'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: METRIC_NAMES.workerDeadLettered,
      help: 'Jobs moved to the dead-letter queue after their final failure.',
      labelNames: ['queue'],
      registers: [registry],
    }),
    alertFirings: new Counter({
      name: METRIC_NAMES.workerAlertFirings,
      help: 'Alert firings this worker won (recorded and published), by metric.',
      labelNames: ['metric'],
      registers: [registry],
    }),
    alertEvaluation: new Histogram({
      name: METRIC_NAMES.workerAlertEvaluation,
      help: 'Time to evaluate the alerts of one tick batch or chain, state changes included, seconds.',
      labelNames: ['queue'],
      buckets: [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
      registers: [registry],
    }),
  };
}
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
