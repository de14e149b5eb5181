import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from './with-timeout';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withTimeout', () => {
  it("passes on the work's value when it settles in time", async () => {
    await expect(withTimeout(after(5, 'PONG'), 200, 'Redis')).resolves.toBe('PONG');
  });

  it("passes on the work's rejection when it settles in time", async () => {
    await expect(withTimeout(Promise.reject(new Error('refused')), 200, 'Redis')).rejects.toThrow('refused');
  });

  it('rejects with a TimeoutError naming what did not answer, once the time is up', async () => {
    const started = performance.now();
    const outcome = withTimeout(after(1_000, 'late'), 30, 'PostgreSQL');
    await expect(outcome).rejects.toBeInstanceOf(TimeoutError);
    await expect(outcome).rejects.toThrow('PostgreSQL did not answer within 30 ms');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
