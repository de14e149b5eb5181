import type { z } from 'zod';
import { parseEnv } from '@deltastream/bus/env';
import { RealtimeEnvSchema } from '@deltastream/bus/realtime-env';

export type RealtimeConfig = z.infer<typeof RealtimeEnvSchema>;

export function loadRealtimeConfig(env: NodeJS.ProcessEnv = process.env): RealtimeConfig {
  return parseEnv(RealtimeEnvSchema, env);
}
