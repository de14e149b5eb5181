import type { z } from 'zod';
import { parseEnv } from '@deltastream/bus/env';
import { WorkerEnvSchema } from '@deltastream/bus/worker-env';

export type WorkerConfig = z.infer<typeof WorkerEnvSchema>;

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return parseEnv(WorkerEnvSchema, env);
}
