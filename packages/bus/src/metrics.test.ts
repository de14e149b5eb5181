import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpsServer } from './metrics';
import type { Readiness } from './readiness';

let server: Server | undefined;
afterEach(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));

async function serve(readiness: () => Promise<Readiness>) {
  server = await startOpsServer({ port: 0, host: '127.0.0.1', registry: new Registry(), readiness });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) });
    return [response.status, await response.json()] as const;
  };
}

describe('startOpsServer', () => {
  it('answers /health at once without asking readiness: a stuck dependency restarts no pod', async () => {
    let asked = 0;
    const get = await serve(() => {
      asked += 1;
      return new Promise(() => {});
    });
    expect(await get('/health')).toEqual([200, { status: 'ok' }]);
    expect(asked).toBe(0);
  });

  it('answers /ready 200 with every check, or 503 with the reasons', async () => {
    let readiness: Readiness = { ready: true, checks: { redis: { ok: true } } };
    const get = await serve(async () => readiness);
    expect(await get('/ready')).toEqual([200, { status: 'ready', checks: { redis: { ok: true } } }]);
    readiness = {
      ready: false,
      checks: { redis: { ok: true }, 'market-chains': { ok: false, detail: 'a job has waited 40.0 s' } },
      pipeline: { backlogs: [], dataAges: [{ product: 'NIFTY', kind: 'chain', ageSeconds: 41 }] },
    };
    expect(await get('/ready')).toEqual([
      503,
      {
        status: 'unavailable',
        checks: readiness.checks,
        pipeline: { backlogs: [], dataAges: [{ product: 'NIFTY', kind: 'chain', ageSeconds: 41 }] },
      },
    ]);
  });

  it('answers /ready 503 when assessing readiness fails, and 404 elsewhere', async () => {
    const get = await serve(() => Promise.reject(new Error('queue closed')));
    expect(await get('/ready')).toEqual([
      503,
      { status: 'unavailable', checks: { readiness: { ok: false, detail: 'queue closed' } } },
    ]);
    expect((await get('/healthz'))[0]).toBe(404);
  });
});
