import { z } from 'zod';
import { RedisPrefixSchema } from './redis';

/** A missing or malformed environment variable; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` with `schema` once at start. Each tier builds its config from this, so a bad variable
 * stops the process with a message naming it instead of failing later at first use.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
}

const urlWithProtocols = (protocols: string[]) =>
  z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
    message: `must be a ${protocols.join(' or ')} URL`,
  });

/** Booleans as operators write them in env files. */
export const EnvBooleanSchema = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The entries of a comma-list variable, in order: each trimmed, blanks and repeats left out. */
export function commaListEntries(list: string): string[] {
  return [
    ...new Set(
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  ];
}

export const PortSchema = z.coerce.number().int().min(0).max(65_535);

/** Variables every Node tier reads. Development defaults only; production sets them. */
export const BaseEnvSchema = z.object({
  /**
   * Any name, not a closed list: a deployment may call itself `staging` or `qa`. Rules that relax for a
   * developer's machine (the AUTH_SECRET default, for one) relax only for `development` and `test`, and
   * treat every other value as production.
   */
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: urlWithProtocols(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  DATABASE_URL: urlWithProtocols(['postgres', 'postgresql']).default(
    'postgres://postgres@127.0.0.1:5432/deltastream',
  ),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** The namespace of every Redis key, channel and queue: lets deployments (or test runs) share one Redis. */
  REDIS_PREFIX: RedisPrefixSchema.default('ds'),
});
export type BaseEnv = z.infer<typeof BaseEnvSchema>;
