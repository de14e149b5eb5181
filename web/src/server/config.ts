import type { z } from 'zod';
import { parseEnv } from '@deltastream/bus/env';
import { WebEnvSchema } from '@deltastream/bus/web-env';

export type WebConfig = z.infer<typeof WebEnvSchema>;

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  return parseEnv(WebEnvSchema, env);
}
