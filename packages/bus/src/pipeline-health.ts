/**
 * Whether market data is flowing from the feed through the workers: the age of the newest data the
 * workers have processed, per product and kind, and each market queue's backlog. With the workers down,
 * every tier can still answer healthy while data goes stale and jobs pile up; these are the facts that
 * say so, read by the feed and the workers for their metrics and by the workers for their readiness.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { withTimeout } from '@deltastream/core/async';
import { CACHE_KEYS, CACHE_TTL_SECONDS } from './cache';
import { QUEUES } from './queues';
import type { CheckResult } from './readiness';
import { redisScript, runScript } from './redis';

export const DATA_KINDS = ['tick', 'chain'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/** The kind of data each market queue carries. */
export const QUEUE_DATA_KIND = { [QUEUES.ticks]: 'tick', [QUEUES.chains]: 'chain' } as const satisfies Record<
  string,
  DataKind
>;

/** The newest processed job of one product and kind: when the feed enqueued it (BullMQ's job timestamp). */
export interface ProcessedData {
  kind: DataKind;
  product: string;
  enqueuedAtMs: number;
}

/**
 * For each field/value pair in ARGV[2…], keeps the larger of the stored and the given time: workers flush
 * what they processed in any order, and no replica may set another's newer time back. ARGV[1] is the TTL.
 */
const KEEP_NEWEST = redisScript(`
for i = 2, #ARGV, 2 do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if not current or tonumber(current) < tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`);

/** Records the newest processed data of each product and kind (a worker flushes it every second). */
export async function recordProcessedData(redis: Redis, newest: readonly ProcessedData[]): Promise<void> {
  if (newest.length === 0) return;
  const pairs = newest.flatMap(({ kind, product, enqueuedAtMs }) => [`${kind}:${product}`, enqueuedAtMs]);
  await runScript(
    redis,
    KEEP_NEWEST,
    [CACHE_KEYS.dataFreshness()],
    [CACHE_TTL_SECONDS.dataFreshness, ...pairs],
  );
}

export interface DataAge {
  kind: DataKind;
  product: string;
  /** Seconds from when the feed enqueued the newest processed data of this product and kind until now. */
  ageSeconds: number;
}

/**
 * The data age of every product and kind some worker has processed. A product that no worker has
 * processed yet (a new deployment, a product just added) has no age: nothing is known to be stale.
 */
export async function readDataAges(redis: Redis, nowMs: number): Promise<DataAge[]> {
  const stored = await redis.hgetall(CACHE_KEYS.dataFreshness());
  const ages: DataAge[] = [];
  for (const [field, value] of Object.entries(stored)) {
    const separator = field.indexOf(':');
    const kind = field.slice(0, separator);
    if (!(DATA_KINDS as readonly string[]).includes(kind)) continue;
    const ageSeconds = Math.max(0, (nowMs - Number(value)) / 1000);
    ages.push({ kind: kind as DataKind, product: field.slice(separator + 1), ageSeconds });
  }
  return ages;
}

export interface QueueBacklog {
  queue: string;
  waiting: number;
  /** Retries in their backoff and chains parked until their predecessor is stored. */
  delayed: number;
  /** How long the oldest waiting job has waited since the feed enqueued it; null when none waits. */
  oldestWaitingSeconds: number | null;
}

/** A market queue's backlog, from BullMQ's public counts and its oldest waiting job. */
export async function readQueueBacklog(queue: Queue, nowMs: number): Promise<QueueBacklog> {
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts('waiting', 'delayed'),
    // Ascending: the job that has waited longest.
    queue.getWaiting(0, 0),
  ]);
  return {
    queue: queue.name,
    waiting: counts.waiting ?? 0,
    delayed: counts.delayed ?? 0,
    oldestWaitingSeconds: oldest ? Math.max(0, (nowMs - oldest.timestamp) / 1000) : null,
  };
}

/** Like readQueueBacklog, but a queue connection waiting out a Redis outage cannot hold the caller. */
export function readQueueBacklogWithin(
  queue: Queue,
  nowMs: number,
  timeoutMs: number,
): Promise<QueueBacklog> {
  return withTimeout(readQueueBacklog(queue, nowMs), timeoutMs, `the ${queue.name} queue`);
}

export interface PipelineBounds {
  /** A job waiting longer than this means the data it carries is this late, and counting. */
  staleDataSeconds: number;
  /** Jobs waiting or delayed beyond this are more than the workers keep up with. */
  maxQueueBacklog: number;
}

/**
 * Whether the workers keep up with a market queue. Not when more jobs wait than `maxQueueBacklog`, nor
 * when the oldest waiting job has waited longer than `staleDataSeconds` (the data it carries should have
 * been produced by then). An empty queue is fine however old the last data is: the market may be closed
 * or a replay over, and there is nothing to produce.
 */
export function backlogVerdict(backlog: QueueBacklog, bounds: PipelineBounds): CheckResult {
  const { queue, waiting, delayed, oldestWaitingSeconds } = backlog;
  const state = `${waiting} waiting, ${delayed} delayed${oldestWaitingSeconds === null ? '' : `, oldest waiting ${oldestWaitingSeconds.toFixed(1)} s`}`;
  const problems: string[] = [];
  if (waiting + delayed > bounds.maxQueueBacklog) {
    problems.push(
      `${waiting + delayed} jobs waiting or delayed, more than the bound of ${bounds.maxQueueBacklog}`,
    );
  }
  if (oldestWaitingSeconds !== null && oldestWaitingSeconds > bounds.staleDataSeconds) {
    problems.push(
      `a job has waited ${oldestWaitingSeconds.toFixed(1)} s, longer than the bound of ${bounds.staleDataSeconds} s: its data is stale`,
    );
  }
  return problems.length === 0
    ? { ok: true, detail: `${queue}: ${state}` }
    : { ok: false, detail: `${queue}: ${problems.join('; ')} (${state})` };
}
