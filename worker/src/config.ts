import { z } from 'zod';
import { BaseEnvSchema, parseEnv, PortSchema } from '@deltastream/bus/env';

export const WorkerEnvSchema = BaseEnvSchema.extend({
  WORKER_PORT: PortSchema.default(9102),
  /** Chain jobs processed at once by this process; each is a few milliseconds of CPU and two writes. */
  WORKER_CHAIN_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
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
});
export type WorkerConfig = z.infer<typeof WorkerEnvSchema>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseEnv(WorkerEnvSchema, env);
}
