/**
 * Operator view of the dead-letter queue (web's /admin/queues page shows the same):
 *   npm run dlq -w @deltastream/worker -- list [limit]   newest entries with their errors
 *   npm run dlq -w @deltastream/worker -- retry <id>     re-enqueue the original job, then drop the entry
 *   npm run dlq -w @deltastream/worker -- purge          drop every entry
 */
import { parseEnv, BaseEnvSchema } from '@deltastream/bus/env';
import { listDeadLetters, purgeDeadLetters, retryDeadLetter } from '@deltastream/bus/queue-admin';
import { closeMarketQueues, createMarketQueues } from '@deltastream/bus/queues';
import { createRedis } from '@deltastream/bus/redis';

const env = parseEnv(BaseEnvSchema);
const connection = createRedis(env.REDIS_URL, 'queue', { prefix: env.REDIS_PREFIX });
const queues = createMarketQueues(connection, env.REDIS_PREFIX);
const [command = 'list', argument] = process.argv.slice(2);

try {
  if (command === 'list') {
    const { total, entries } = await listDeadLetters(queues, Number(argument ?? 20));
    console.log(
      `${total} dead-lettered job(s)${total > entries.length ? `, newest ${entries.length} shown` : ''}`,
    );
    for (const entry of entries) {
      console.log(
        `- ${entry.id}  queue=${entry.queue} job=${entry.job_id} attempts=${entry.attempts_made} at ${entry.failed_at}`,
      );
      console.log(`    error: ${entry.error}`);
    }
  } else if (command === 'retry' && argument) {
    const entry = await retryDeadLetter(queues, argument);
    if (!entry) throw new Error(`no dead-letter entry ${argument}`);
    console.log(`re-enqueued ${entry.job_id} on ${entry.queue}`);
  } else if (command === 'purge') {
    console.log(`dead-letter queue purged (${await purgeDeadLetters(queues)} entries)`);
  } else {
    console.error('usage: dlq list [limit] | dlq retry <id> | dlq purge');
    process.exitCode = 2;
  }
} finally {
  await closeMarketQueues(queues);
  connection.disconnect();
}
