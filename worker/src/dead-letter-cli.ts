/**
 * Operator view of the dead-letter queue:
 *   npm run dlq -w @deltastream/worker -- list [limit]   newest entries with their errors
 *   npm run dlq -w @deltastream/worker -- retry <id>     re-enqueue the original job, then drop the entry
 *   npm run dlq -w @deltastream/worker -- purge          drop every entry
 */
import { Queue } from 'bullmq';
import { parseEnv, BaseEnvSchema } from '@deltastream/bus/env';
import { createRedis } from '@deltastream/bus/redis';
import { DeadLetterJobSchema, MARKET_JOB_OPTIONS, QUEUES } from '@deltastream/bus/queues';

const env = parseEnv(BaseEnvSchema);
const connection = createRedis(env.REDIS_URL, 'queue');
const deadLetters = new Queue(QUEUES.deadLetter, { connection });
const [command = 'list', argument] = process.argv.slice(2);

try {
  if (command === 'list') {
    const limit = Number(argument ?? 20);
    const jobs = await deadLetters.getJobs(['waiting', 'delayed', 'paused'], 0, limit - 1);
    const total = await deadLetters.count();
    console.log(`${total} dead-lettered job(s)${total > jobs.length ? `, newest ${jobs.length} shown` : ''}`);
    for (const job of jobs) {
      const entry = DeadLetterJobSchema.parse(job.data);
      console.log(
        `- ${job.id}  queue=${entry.queue} job=${entry.job_id} attempts=${entry.attempts_made} at ${entry.failed_at}`,
      );
      console.log(`    error: ${entry.error}`);
    }
  } else if (command === 'retry' && argument) {
    const job = await deadLetters.getJob(argument);
    if (!job) throw new Error(`no dead-letter entry ${argument}`);
    const entry = DeadLetterJobSchema.parse(job.data);
    const target = new Queue(entry.queue, { connection });
    await target.add(entry.job_name, entry.data, {
      ...MARKET_JOB_OPTIONS,
      jobId: `${entry.job_id}-retry-${Date.now()}`,
    });
    await target.close();
    await job.remove();
    console.log(`re-enqueued ${entry.job_id} on ${entry.queue}`);
  } else if (command === 'purge') {
    await deadLetters.drain(true);
    console.log('dead-letter queue purged');
  } else {
    console.error('usage: dlq list [limit] | dlq retry <id> | dlq purge');
    process.exitCode = 2;
  }
} finally {
  await deadLetters.close();
  connection.disconnect();
}
