/**
 * The worker's environment. The worker parses it once at start; the deployment checks read the same
 * declaration to hold compose, k8s and .env.example to it.
 */
import { z } from 'zod';
import { BaseEnvSchema, commaListEntries, PortSchema } from './env';

const WORKER_QUEUE_NAMES = ['chains', 'ticks'] as const;
export type WorkerQueue = (typeof WORKER_QUEUE_NAMES)[number];

export const WorkerEnvSchema = BaseEnvSchema.extend({
  /**
   * The market queues this process consumes (comma list). Separate deployments per queue scale on
   * their own and keep tick latency free of chain enrichment's CPU bursts; one process can take both.
   */
  WORKER_QUEUES: z
    .string()
    .default('chains,ticks')
    .transform(commaListEntries)
    .pipe(z.array(z.enum(WORKER_QUEUE_NAMES)).min(1, 'must name chains, ticks or both')),
  WORKER_PORT: PortSchema.default(9102),
  /** Chain jobs processed at once by this process; each is a few milliseconds of CPU and two writes. */
  WORKER_CHAIN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WORKER_TICK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** History older than this many days is pruned hourly. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PRODUCT_CATALOGUE: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * A job's lock lifetime. A worker that dies holding jobs has them re-queued once their locks lapse
   * (BullMQ's stalled-job check), so this bounds how long a crash delays data. Keep it above the
   * longest job.
   */
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * Readiness fails when a job of a consumed queue has waited longer than this: the data it carries is
   * that stale (pipeline-health.ts). It need not exceed the feed's cadence: an empty queue is never
   * stale, however long ago its last job came.
   */
  WORKER_STALE_DATA_SECONDS: z.coerce.number().positive().max(3600).default(30),
  /** Readiness fails when more jobs than this wait (or sit delayed) in a consumed queue. */
  WORKER_MAX_QUEUE_BACKLOG: z.coerce.number().int().min(1).default(1000),
});
