import { describe, expect, it } from 'vitest';
import { assessReadiness, dependencyCheck } from './readiness';

describe('assessReadiness', () => {
  it('is ready when every check passes', async () => {
    expect(
      await assessReadiness({ a: () => ({ ok: true }), b: async () => ({ ok: true, detail: '3 waiting' }) }),
    ).toEqual({
      ready: true,
      checks: { a: { ok: true }, b: { ok: true, detail: '3 waiting' } },
    });
  });

  it('is not ready when one fails, throws or runs out of time, and says why for each', async () => {
    const started = performance.now();
    const readiness = await assessReadiness(
      {
        passes: () => ({ ok: true }),
        fails: () => ({ ok: false, detail: 'backlog' }),
        throws: () => {
          throw new Error('connection closed');
        },
        hangs: () => new Promise(() => {}),
      },
      50,
    );
    expect(readiness).toEqual({
      ready: false,
      checks: {
        passes: { ok: true },
        fails: { ok: false, detail: 'backlog' },
        throws: { ok: false, detail: 'connection closed' },
        hangs: { ok: false, detail: 'the hangs check did not answer within 50 ms' },
      },
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('dependencyCheck', () => {
  it('passes when the dependency answers, and names it when not', async () => {
    const timeouts: number[] = [];
    const answers = (result: boolean) => async (timeoutMs: number) => {
      timeouts.push(timeoutMs);
      return result;
    };
    expect(await dependencyCheck('Redis', answers(true), 300)()).toEqual({ ok: true });
    expect(await dependencyCheck('PostgreSQL', answers(false), 300)()).toEqual({
      ok: false,
      detail: 'PostgreSQL did not answer within 300 ms',
    });
    expect(timeouts).toEqual([300, 300]);
  });
});
