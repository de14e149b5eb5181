import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters, purgeDeadLetters, queueOverview, retryDeadLetter } from './queue-admin';
import { closeMarketQueues, createMarketQueues, type DeadLetterJob, type MarketQueues } from './queues';
import { createRedis } from './redis';
import { testRedisPrefix } from './testing';

const prefix = testRedisPrefix('queue-admin');
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue', { prefix });
let queues: MarketQueues;

const tickBatch = {
  ticks: [
    {
      type: 'UNDERLYING',
      product: 'QADMIN',
      price: 101.5,
      timestamp: '2026-11-24T09:15:00.000Z',
      tick_id: 7,
    },
  ],
};

function deadLetter(jobId: string, data: unknown, error: string): DeadLetterJob {
  return {
    queue: queues.ticks.name,
    job_id: jobId,
    job_name: 'ticks',
    data,
    error,
    attempts_made: 5,
    failed_at: '2026-11-24T09:15:01.000Z',
  };
}

beforeAll(() => {
  queues = createMarketQueues(redis, prefix);
});

afterAll(async () => {
  await Promise.all([
    queues.ticks.obliterate({ force: true }),
    queues.deadLetter.obliterate({ force: true }),
  ]);
  await closeMarketQueues(queues);
  redis.disconnect();
});

describe('queue administration', () => {
  it('counts, lists, retries and purges dead-lettered jobs', async () => {
    await queues.deadLetter.add('dead-letter', deadLetter('QADMIN-7', tickBatch, 'connection reset'), {
      jobId: 'ticks-QADMIN-7-5',
    });
    await queues.deadLetter.add(
      'dead-letter',
      deadLetter('QADMIN-8', { ticks: 'garbage' }, 'ticks: expected array'),
      {
        jobId: 'ticks-QADMIN-8-1',
      },
    );

    const overview = await queueOverview(queues);
    expect(overview.map((queue) => queue.name)).toEqual([
      queues.chains.name,
      queues.ticks.name,
      queues.deadLetter.name,
    ]);
    expect(overview[2]?.counts.waiting).toBe(2);
    expect(overview[1]?.counts.waiting).toBe(0);

    const listed = await listDeadLetters(queues, 10);
    expect(listed.total).toBe(2);
    expect(listed.entries.map((entry) => [entry.id, entry.error]).sort()).toEqual([
      ['ticks-QADMIN-7-5', 'connection reset'],
      ['ticks-QADMIN-8-1', 'ticks: expected array'],
    ]);

    const retried = await retryDeadLetter(queues, 'ticks-QADMIN-7-5');
    expect(retried?.job_id).toBe('QADMIN-7');
    const [requeued] = await queues.ticks.getJobs(['waiting']);
    expect(requeued?.id).toMatch(/^QADMIN-7-retry-\d+$/);
    expect(requeued?.data).toEqual(tickBatch);
    expect(await retryDeadLetter(queues, 'ticks-QADMIN-7-5')).toBeNull();
    // A poison message stays where it is: re-enqueueing it would only fail again.
    await expect(retryDeadLetter(queues, 'ticks-QADMIN-8-1')).rejects.toThrow();

    expect(await purgeDeadLetters(queues)).toBe(1);
    expect((await listDeadLetters(queues, 10)).total).toBe(0);
  });
});
