import type { z } from 'zod';
import { parseEnv } from '@deltastream/bus/env';
import { WebEnvSchema } from '@deltastream/bus/web-env';

export type WebConfig = z.infer<typeof WebEnvSchema>;

/** `env` is plain text: Next.js types NODE_ENV as three values, but a deployment may name itself anything. */
export function loadWebConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  return parseEnv(WebEnvSchema, env);
}
