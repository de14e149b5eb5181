import type { z } from 'zod';
import { parseEnv } from '@deltastream/bus/env';
import { MarketApiEnvSchema } from '@deltastream/bus/web-env';

export type MarketApiConfig = z.infer<typeof MarketApiEnvSchema>;

export function loadMarketApiConfig(env: Record<string, string | undefined> = process.env): MarketApiConfig {
  return parseEnv(MarketApiEnvSchema, env);
}
