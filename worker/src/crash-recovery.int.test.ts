import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { countStoredQuotes } from '@deltastream/db/testing';
import { sql } from 'drizzle-orm';
import { enqueueChains } from '@deltastream/bus/queues';
import { flatVolChain } from '@deltastream/core/testing';
import { REDIS_URL, useWorkerHarness, waitFor } from './testing/harness';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const CHAINS = 300;

const h = useWorkerHarness();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** The real worker process, as `npm start` runs it, on the harness's database, prefix and catalogue. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: h.database.url,
      REDIS_URL,
      REDIS_PREFIX: h.prefix,
      PRODUCT_CATALOGUE: h.cataloguePath,
      WORKER_PORT: '0',
      WORKER_LOCK_DURATION_MS: '1000',
      WORKER_CHAIN_CONCURRENCY: '4',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function storedSnapshots(): Promise<number> {
  const [row] = await h.database.db.execute<{ n: number }>(
    sql`select count(*)::int as n from chain_snapshots`,
  );
  return row!.n;
}

describe('worker crash and restart (real process, Redis and PostgreSQL)', () => {
  it('loses nothing and doubles nothing when killed with SIGKILL mid-stream', async () => {
    const chains = Array.from({ length: CHAINS }, (_, i) => ({
      ...flatVolChain(h.product, {
        expiry: '2026-12-29',
        timestamp: new Date(Date.parse('2026-11-24T05:00:00.000Z') + i * 1000).toISOString(),
        seq: i + 1,
        spot: 21_537 + i,
        volatility: 0.16,
        strikes: Array.from({ length: 41 }, (_, k) => 20_500 + 50 * k + 50 * Math.round(i / 50)),
      }),
      prev_seq: i === 0 ? null : i,
    }));
    await enqueueChains(h.queues, chains);

    const first = startWorkerProcess();
    await waitFor(
      async () => (await storedSnapshots()) >= 30,
      60_000,
      'the first worker to store 30 snapshots',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeRestart = await storedSnapshots();
    expect(beforeRestart).toBeLessThan(CHAINS);

    startWorkerProcess();
    await waitFor(
      async () => (await storedSnapshots()) === CHAINS,
      90_000,
      'every snapshot after the restart',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(await storedSnapshots()).toBe(CHAINS);
    expect(await countStoredQuotes(h.database.db)).toBe(CHAINS * 2 * 41);
    const seqs = h.events.chains.map((c) => c.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    // A job killed between its insert and its publish is retried as a duplicate and sends no event.
    expect(seqs.length).toBeGreaterThanOrEqual(CHAINS - 4);
    expect(await h.queues.deadLetter.count()).toBe(0);
    // The waits above bound each phase; the test as a whole gets their sum on a loaded machine.
  }, 180_000);
});
