import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '@deltastream/auth/access-tokens';
import { adminQueues } from '../../server/admin-queues';
import { DEAD_LETTERED_CHAIN_JOB_ID, deadLetterChainJob } from '../../server/queue-fixtures';
import { useWebTest } from '../../server/test-harness';
import {
  purgeDeadLettersRoute as purge,
  queueOverviewRoute as overview,
  retryDeadLetterRoute as retry,
} from './queues';

const web = useWebTest();
const bearer = async (role: 'user' | 'admin') => ({
  authorization: `Bearer ${
    (
      await issueAccessToken(web.ctx.config.AUTH_SECRET, {
        sub: randomBytes(4).toString('hex'),
        email: `${role}@example.com`,
        role,
      })
    ).token
  }`,
});

afterAll(async () => {
  const queues = adminQueues(web.ctx);
  await Promise.all(
    [queues.chains, queues.ticks, queues.deadLetter].map((queue) => queue.obliterate({ force: true })),
  );
  await Promise.all([queues.chains.close(), queues.ticks.close(), queues.deadLetter.close()]);
});

describe('/api/admin/queues', () => {
  it('shows administrators the counts and the dead-lettered jobs with their errors', async () => {
    const queues = adminQueues(web.ctx);
    await deadLetterChainJob(queues, 'calls.2.open_interest: expected number');
    const response = await web.call<{
      queues: { name: string; counts: Record<string, number> }[];
      dead_letters: { total: number; entries: { id: string; error: string }[] };
    }>(overview, '/api/admin/queues', { headers: await bearer('admin') });
    expect(response.status).toBe(200);
    expect(response.body.queues.find((queue) => queue.name === queues.deadLetter.name)?.counts.waiting).toBe(
      1,
    );
    expect(response.body.dead_letters.entries).toEqual([
      expect.objectContaining({
        id: DEAD_LETTERED_CHAIN_JOB_ID,
        error: 'calls.2.open_interest: expected number',
      }),
    ]);

    // The poison chain cannot be re-enqueued; the answer says why and the entry stays.
    const refused = await web.call(
      retry,
      `/api/admin/queues/dead-letter/${DEAD_LETTERED_CHAIN_JOB_ID}/retry`,
      {
        headers: await bearer('admin'),
      },
    );
    expect(refused.status).toBe(409);
    const missing = await web.call(retry, '/api/admin/queues/dead-letter/nope/retry', {
      headers: await bearer('admin'),
    });
    expect(missing.status).toBe(404);

    const purged = await web.call(purge, '/api/admin/queues/dead-letter', { headers: await bearer('admin') });
    expect(purged.body).toEqual({ purged: 1 });
  });

  it('is closed to everyone else', async () => {
    expect((await web.call(overview, '/api/admin/queues', { headers: await bearer('user') })).status).toBe(
      403,
    );
    expect((await web.call(overview, '/api/admin/queues')).status).toBe(401);
    expect(
      (await web.call(purge, '/api/admin/queues/dead-letter', { headers: await bearer('user') })).status,
    ).toBe(403);
  });
});
