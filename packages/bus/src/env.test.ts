import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BaseEnvSchema, ConfigError, EnvBooleanSchema, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies development defaults', () => {
    const env = parseEnv(BaseEnvSchema, {});
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.NODE_ENV).toBe('development');
  });

  it('takes any NODE_ENV a deployment names itself by', () => {
    expect(parseEnv(BaseEnvSchema, { NODE_ENV: 'staging' }).NODE_ENV).toBe('staging');
  });

  it('names every bad variable', () => {
    const schema = BaseEnvSchema.extend({ PUBLIC_MARKET_DATA: EnvBooleanSchema.default(false) });
    expect(() => parseEnv(schema, { REDIS_URL: 'http://x', PUBLIC_MARKET_DATA: 'maybe' })).toThrow(
      /REDIS_URL: must be a redis or rediss URL[\s\S]*PUBLIC_MARKET_DATA/,
    );
    expect(() => parseEnv(z.object({ PORT: z.coerce.number().int() }), { PORT: 'x' })).toThrow(ConfigError);
  });
});
